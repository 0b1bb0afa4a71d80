import type { ChatClient } from "../store/chatClient.js";
import type { DuplexStore } from "../store/state.js";
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
