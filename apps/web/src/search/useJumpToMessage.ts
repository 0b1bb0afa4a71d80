import { useCallback } from "react";
import type { ChatMessage } from "@duplex/protocol";
import { useActions, useStoreApi } from "../store/storeContext.js";

// Negative, so a jump never shares a nonce with an opened notification (those count up from 0).
let nonce = 0;

/**
 * Shows a message however old: opens its room and sets the same focus an opened mention sets, so
 * the store pages history back until the message is held and `useMessageFocus` scrolls to it.
 */
export function useJumpToMessage(): (message: Pick<ChatMessage, "room" | "id" | "seq">) => void {
  const store = useStoreApi();
  const { joinRoom } = useActions();
  return useCallback(
    (message: Pick<ChatMessage, "room" | "id" | "seq">) => {
      nonce -= 1;
      const focus = {
        room: message.room,
        messageId: message.id,
        seq: message.seq,
        status: "loading" as const,
        nonce,
      };
      store.setState((s) => ({ notifications: { ...s.notifications, focus } }));
      joinRoom(message.room);
    },
    [store, joinRoom],
  );
}
