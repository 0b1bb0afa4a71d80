import { DuplexClient } from "@duplex/client";
import { Capability, WS_PATH } from "@duplex/protocol";
import { createDuplexStore } from "./createDuplexStore.js";
import { fetchWithSlots, showSlotWaits, tabStreamSlots } from "./tabStreamSlots.js";

/** Same origin as the page: in dev through Vite's proxy, in production the server itself. */
function socketUrl(location: Location): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${WS_PATH}`;
}

// Over HTTP/1.1 this browser's tabs share a few SSE stream slots (six connections per host).
const slots = tabStreamSlots();

// One client and one store for the page's lifetime, created outside React.
export const client = new DuplexClient({
  url: socketUrl(window.location),
  storage: window.localStorage,
  // Accounts: guests arrive marked (the guest badge), and a muted send fails with `muted`.
  // Big rooms: one page of members with a count; the member panel pages and searches the rest.
  caps: [
    Capability.SavedRooms,
    Capability.DmNotifications,
    Capability.Accounts,
    Capability.MemberPages,
    // Web Push: the server pushes to a user's devices only while none of their tabs is visible.
    Capability.Visibility,
    // The server's read cursors (unread counts, "seen by") and edits/deletes replayed on resume.
    Capability.ReadReceipts,
    Capability.Changes,
    // Reactions under messages; replies that quote (and jump to) the original.
    Capability.Reactions,
    Capability.Replies,
    // Files: uploads over binary frames, and messages with an `attachment`.
    Capability.Files,
    // Threads: replies in a panel beside the conversation, with their own unread counts.
    Capability.Threads,
  ],
  // Where a proxy blocks WebSocket, the same protocol goes over SSE + POST.
  transport: "auto",
  ...(slots !== undefined && { streamingFetch: fetchWithSlots(slots) }),
});

export const appStore = createDuplexStore(client, { storage: window.localStorage });
if (slots !== undefined) showSlotWaits(slots, appStore);

// A reload signs in again with the remembered name; the client presents its stored token.
appStore.getState().actions.restoreSession();
