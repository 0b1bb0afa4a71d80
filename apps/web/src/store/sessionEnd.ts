import { CloseCode } from "@duplex/protocol";
import type { KeyValueStorage } from "@duplex/client";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import { DEFAULT_ROOM } from "./roomsSlice.js";
import { NAME_STORAGE_KEY, type SessionEnd } from "./sessionSlice.js";

/** What a fatal close says about our session, if it ended it. */
export function sessionEndOf(code: number | undefined): SessionEnd | undefined {
  if (code === CloseCode.Unauthorized) return "revoked";
  if (code === CloseCode.Forbidden) return "banned";
  return undefined;
}

/**
 * When the server ends this browser's session (signed out elsewhere, revoked, banned), the app goes
 * back to the sign-in screen and says why, instead of a chat that can no longer send. A reload does
 * not sign in again with the remembered name either.
 */
export function attachSessionEnd(
  client: ChatClient,
  store: StoreApi<DuplexState>,
  storage: KeyValueStorage | undefined,
): void {
  client.on("state", (state) => {
    if (state.status !== "closed") return;
    const ended = sessionEndOf(state.lastClose?.code);
    if (ended === undefined || store.getState().session.name === undefined) return;
    storage?.removeItem(NAME_STORAGE_KEY);
    if (ended === "banned") {
      // Nothing of a banned identity is kept: its queue, rooms and token go.
      client.forget();
      store.setState((s) => ({
        session: { name: undefined, user: undefined, ended },
        rooms: { joined: [], current: DEFAULT_ROOM },
        messages: { ...s.messages, byRoom: {} },
      }));
      return;
    }
    // Revoked: the client already dropped the token and holds what was unsent, to be re-sent only
    // if the user says so once signed in again.
    store.setState({ session: { name: undefined, user: undefined, ended } });
  });
}
