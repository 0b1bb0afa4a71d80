import { PASSKEY_PATHS, type PasskeyInfo } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { HttpCall } from "./state.js";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";

import type { PasskeyActions, PasskeyProblem } from "./state.js";
export type { PasskeyActions, PasskeyProblem };

// The WebAuthn helper loads on first use: the first chunk stays as it was for everyone who never
// touches a passkey.
const webAuthn = () => import("@simplewebauthn/browser");

const post = (body?: unknown, token?: string): RequestInit => ({
  method: "POST",
  headers: {
    "content-type": "application/json",
    ...(token !== undefined && { authorization: `Bearer ${token}` }),
  },
  body: JSON.stringify(body ?? {}),
});

/** A refusal by the user or the browser (dialog closed, timed out, no authenticator). */
const cancelled = (err: unknown) =>
  err instanceof Error && (err.name === "NotAllowedError" || err.name === "AbortError");

function passkeysOf(body: unknown): PasskeyInfo[] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const list = (body as { passkeys?: unknown }).passkeys;
  return Array.isArray(list) ? (list as PasskeyInfo[]) : undefined;
}

function authOf(body: unknown): { token: string; name: string } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const { token, user } = body as { token?: unknown; user?: { name?: unknown } };
  return typeof token === "string" && typeof user?.name === "string"
    ? { token, name: user.name }
    : undefined;
}

/** The passkey actions of the store: the WebAuthn ceremony in the browser, the checks on the server. */
export function createPasskeyActions(
  client: ChatClient,
  store: () => StoreApi<DuplexState>,
  http: HttpCall,
): PasskeyActions {
  const bearer = () => client.token;
  return {
    async signInWithPasskey() {
      try {
        const { startAuthentication } = await webAuthn();
        const options = await http(PASSKEY_PATHS.loginOptions, post());
        if (!options.ok) {
          return {
            ok: false,
            problem: options.status === 429 ? "account.tooMany" : "account.failed",
          };
        }
        const { options: optionsJSON } = (await options.json()) as { options: never };
        const response = await startAuthentication({ optionsJSON });
        const verified = await http(PASSKEY_PATHS.loginVerify, post({ response }));
        if (!verified.ok) {
          const problem = verified.status === 429 ? "account.tooMany" : "passkeys.notRecognised";
          return { ok: false, problem };
        }
        const auth = authOf(await verified.json());
        if (!auth) return { ok: false, problem: "account.failed" };
        client.useToken(auth.token);
        const signedIn = store().getState().actions.signIn(auth.name);
        return signedIn.ok ? { ok: true } : { ok: false, problem: "account.failed" };
      } catch (err) {
        return { ok: false, problem: cancelled(err) ? "passkeys.cancelled" : "account.failed" };
      }
    },
    async addPasskey(label) {
      const token = bearer();
      if (token === undefined) return { ok: false, problem: "passkeys.addFailed" };
      try {
        const { startRegistration, browserSupportsWebAuthn } = await webAuthn();
        if (!browserSupportsWebAuthn()) return { ok: false, problem: "passkeys.unsupported" };
        const options = await http(PASSKEY_PATHS.registerOptions, post(undefined, token));
        if (!options.ok) return { ok: false, problem: "passkeys.addFailed" };
        const { options: optionsJSON } = (await options.json()) as { options: never };
        const response = await startRegistration({ optionsJSON });
        const body = label.trim() === "" ? { response } : { response, label: label.trim() };
        const verified = await http(PASSKEY_PATHS.registerVerify, post(body, token));
        return verified.ok ? { ok: true } : { ok: false, problem: "passkeys.addFailed" };
      } catch (err) {
        return { ok: false, problem: cancelled(err) ? "passkeys.cancelled" : "passkeys.addFailed" };
      }
    },
    async listPasskeys() {
      const token = bearer();
      if (token === undefined) return { ok: false, problem: "failed" };
      try {
        const response = await http(PASSKEY_PATHS.list, {
          headers: { authorization: `Bearer ${token}` },
        });
        const list = response.ok ? passkeysOf(await response.json()) : undefined;
        return list === undefined ? { ok: false, problem: "failed" } : { ok: true, value: list };
      } catch {
        return { ok: false, problem: "failed" };
      }
    },
    async removePasskey(id) {
      const token = bearer();
      if (token === undefined) return false;
      try {
        const response = await http(`${PASSKEY_PATHS.list}/${encodeURIComponent(id)}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${token}` },
        });
        return response.ok || response.status === 404;
      } catch {
        return false;
      }
    },
  };
}
