import type { ChatClient } from "../store/chatClient.js";
import type { DuplexStore } from "../store/state.js";
import type { PrefsActions, PrefsSlice } from "./prefsSlice.js";

// A refused or lost request changes nothing on screen: the slice follows the server's `prefs` only.
const ignore = () => undefined;

/**
 * Each choice shows at once (a control that waits for the server looks broken) and is sent; the
 * server's `prefs` answer, here and in every other tab, then says what holds.
 */
export function createPrefsActions(client: ChatClient, getStore: () => DuplexStore): PrefsActions {
  const patch = (change: (prefs: PrefsSlice) => PrefsSlice) =>
    getStore().setState((s) => ({ prefs: change(s.prefs) }));
  return {
    setRoomLevel(room, level) {
      patch((p) => ({ ...p, rooms: { ...p.rooms, [room]: level } }));
      client.request({ type: "set_prefs", rooms: [{ room, level }] }).catch(ignore);
    },
    setDoNotDisturb(until) {
      patch((p) => ({ ...p, dndUntil: until }));
      client.request({ type: "set_prefs", dndUntil: until }).catch(ignore);
    },
    setShareReceipts(share) {
      patch((p) => ({ ...p, shareReceipts: share }));
      client.request({ type: "set_prefs", shareReceipts: share }).catch(ignore);
    },
  };
}
