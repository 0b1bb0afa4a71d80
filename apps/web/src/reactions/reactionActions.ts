import type { ServerMessage } from "@duplex/protocol";
import type { ChatClient } from "../store/chatClient.js";
import type { DuplexStore } from "../store/state.js";
import { applyReaction } from "./applyReaction.js";
import type { ReactionActions } from "./reactionTypes.js";
import { rememberEmoji } from "./recentEmoji.js";

export type { ReactionActions };

export function createReactionActions(
  client: ChatClient,
  getStore: () => DuplexStore,
): ReactionActions {
  return {
    toggleReaction(room, messageId, emoji, on) {
      if (on) rememberEmoji(emoji);
      // A refusal (muted, too many) changes nothing on screen: no reaction event comes back.
      client.request({ type: "react", room, messageId, emoji, on }).catch(() => undefined);
    },
    sendReply(text, replyTo) {
      const room = getStore().getState().rooms.current;
      if (room === undefined) return false;
      try {
        client.send(room, text, { replyTo });
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** Applies every `reaction` event (ours echoed, others' live) to the messages held. */
export function attachReactions(client: ChatClient, store: DuplexStore): void {
  client.on("message", (message: ServerMessage) => {
    if (message.type !== "reaction") return;
    store.setState((s) => {
      const messages = s.messages.byRoom[message.room];
      if (!messages) return s;
      const next = applyReaction(messages, message, s.session.user?.id);
      if (next === messages) return s;
      return {
        messages: { ...s.messages, byRoom: { ...s.messages.byRoom, [message.room]: next } },
      };
    });
  });
}
