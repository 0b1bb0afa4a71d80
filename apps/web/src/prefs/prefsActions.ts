import type { ServerMessage } from "@duplex/protocol";
import type { ChatClient } from "../store/chatClient.js";
import type { DuplexStore } from "../store/state.js";
import { prefsFromFrame, type PrefsActions } from "./prefsSlice.js";

// A refused or lost request changes nothing on screen: the slice follows the server's `prefs` only.
const ignore = () => undefined;

export function createPrefsActions(client: ChatClient): PrefsActions {
  return {
    setRoomLevel(room, level) {
      client.request({ type: "set_prefs", rooms: [{ room, level }] }).catch(ignore);
    },
    setDoNotDisturb(until) {
      client.request({ type: "set_prefs", dndUntil: until }).catch(ignore);
    },
    setShareReceipts(share) {
      client.request({ type: "set_prefs", shareReceipts: share }).catch(ignore);
    },
  };
}

/**
 * Keeps the slice equal to the server's `prefs` (sent after `welcome` and after every change, on
 * any tab or device). Not sharing reads means seeing nobody's: the "seen by" held are dropped.
 */
export function attachPrefs(client: ChatClient, store: DuplexStore): void {
  client.on("message", (message: ServerMessage) => {
    if (message.type !== "prefs") return;
    const prefs = prefsFromFrame(message);
    store.setState((s) => ({
      prefs,
      ...(!prefs.shareReceipts && { chat: { ...s.chat, seen: {} } }),
    }));
  });
}
