import type { KeyValueStorage } from "@duplex/client";
import { KNOWN_ROOMS_KEY } from "./knownRooms.js";
import { AUTH_PATHS, type AuthResponse } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import { DEFAULT_ROOM } from "./roomsSlice.js";
import { NAME_STORAGE_KEY } from "./sessionSlice.js";

import type { AccountProblem, AccountResult, AccountActions, HttpCall } from "./state.js";
export type { AccountProblem, AccountResult, AccountActions, HttpCall };

/**
 * The fields of an auth reply the app uses, checked by hand: the zod schema would put zod (and a
 * schema built at load, before the CSP's jitless switch) into the first chunk for one object.
 */
function authResponseOf(body: unknown): Pick<AuthResponse, "token" | "user"> | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { token, user } = body as Record<string, unknown>;
  if (typeof token !== "string" || typeof user !== "object" || user === null) return undefined;
  const { id, name } = user as Record<string, unknown>;
  if (typeof id !== "string" || typeof name !== "string") return undefined;
  return { token, user: { id, name } };
}

function problemOf(status: number): AccountProblem {
  if (status === 401) return "account.wrong";
  if (status === 409) return "account.taken";
  if (status === 400) return "account.weak";
  if (status === 429) return "account.tooMany";
  if (status === 403) return "account.banned";
  return "account.failed";
}

/** The account actions of the store: HTTP to `/api/auth`, then the client carries the token. */
export function createAccountActions(
  client: ChatClient,
  store: () => StoreApi<DuplexState>,
  http: HttpCall,
  storage: KeyValueStorage | undefined,
): AccountActions {
  return {
    async signInWithPassword(mode, name, password) {
      let response: Response;
      try {
        response = await http(mode === "register" ? AUTH_PATHS.register : AUTH_PATHS.login, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name, password }),
        });
      } catch {
        return { ok: false, problem: "account.failed" };
      }
      const body: unknown = await response.json().catch(() => ({}));
      if (!response.ok) {
        const detail =
          typeof body === "object" && body !== null && "error" in body
            ? String(body.error)
            : undefined;
        return { ok: false, problem: problemOf(response.status), ...(detail && { detail }) };
      }
      const auth = authResponseOf(body);
      if (!auth) return { ok: false, problem: "account.failed" };
      client.useToken(auth.token);
      const signedIn = store().getState().actions.signIn(auth.user.name);
      return signedIn.ok ? { ok: true } : { ok: false, problem: "account.failed" };
    },
    async signOut() {
      const token = client.token;
      // Not just close: what this user queued must never go out as whoever signs in next.
      client.forget();
      storage?.removeItem(NAME_STORAGE_KEY);
      storage?.removeItem(KNOWN_ROOMS_KEY);
      store().setState((s) => ({
        session: { name: undefined, user: undefined },
        rooms: { joined: [], current: DEFAULT_ROOM },
        messages: { ...s.messages, byRoom: {} },
      }));
      if (token === undefined) return;
      // Best effort: the token is already forgotten here; the server revokes the session.
      await http(AUTH_PATHS.logout, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      }).catch(() => undefined);
    },
  };
}
