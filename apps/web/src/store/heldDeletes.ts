import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";

/**
 * How long a delete is held before it is sent. The server blanks a deleted text for good, so the
 * only undo is not to have sent it yet.
 */
export const DELETE_UNDO_MS = 5000;

import type { HeldDelete, HeldDeleteActions } from "./chatSlice.js";
export type { HeldDelete, HeldDeleteActions };

type Set = StoreApi<DuplexState>["setState"];

function setHeld(set: Set, patch: (held: readonly HeldDelete[]) => readonly HeldDelete[]): void {
  set((s) => ({ chat: { ...s.chat, heldDeletes: patch(s.chat.heldDeletes) } }));
}

/** Delete with undo: each delete waits in `chat.heldDeletes` until its time is up or the page goes. */
export function createHeldDeleteActions(client: ChatClient, set: Set): HeldDeleteActions {
  const timers = new Map<string, { room: string; timer: ReturnType<typeof setTimeout> }>();

  function send(id: string): void {
    const held = timers.get(id);
    if (!held) return;
    clearTimeout(held.timer);
    timers.delete(id);
    setHeld(set, (list) => list.filter((h) => h.id !== id));
    client.request({ type: "delete", room: held.room, id }).catch(() => undefined);
  }

  // Leaving the page sends what is held: the user saw those messages go and did not take them back.
  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", () => {
      for (const id of [...timers.keys()]) send(id);
    });
  }

  return {
    deleteMessage(room, id) {
      if (timers.has(id)) return;
      timers.set(id, { room, timer: setTimeout(() => send(id), DELETE_UNDO_MS) });
      setHeld(set, (list) => [...list, { room, id }]);
    },
    undoDelete(id) {
      const held = timers.get(id);
      if (!held) return;
      clearTimeout(held.timer);
      timers.delete(id);
      setHeld(set, (list) => list.filter((h) => h.id !== id));
    },
  };
}
