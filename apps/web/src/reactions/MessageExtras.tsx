import type { ChatMessage } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useJumpToMessage } from "../search/useJumpToMessage.js";
import { useActions } from "../store/storeContext.js";
import { ReactionChips } from "./ReactionChips.js";
import { ReplyQuote } from "./ReplyQuote.js";
import { useSetReplyTarget } from "./replyDraft.js";

/** The quote of the message this one answers, if any; a click shows the original. */
export function MessageReplyQuote({ message }: { message: ChatMessage }) {
  const jump = useJumpToMessage();
  const quote = message.replyTo;
  if (!quote) return null;
  return (
    <ReplyQuote
      quote={quote}
      onOpen={() => jump({ room: message.room, id: quote.messageId, seq: quote.seq })}
    />
  );
}

/** Under a stored message: its reactions, the reaction picker, and "Reply". */
export function MessageExtras({ message }: { message: ChatMessage }) {
  const t = useT();
  const { toggleReaction } = useActions();
  const setReplyTarget = useSetReplyTarget();
  return (
    <div className="message-extras">
      <ReactionChips
        reactions={message.reactions ?? []}
        onToggle={(emoji, on) => toggleReaction(message.room, message.id, emoji, on)}
      />
      <button
        type="button"
        className="link-button reply-action"
        onClick={() => {
          setReplyTarget(message);
          document.querySelector<HTMLTextAreaElement>("[data-composer]")?.focus();
        }}
      >
        {t("reply.action")}
      </button>
    </div>
  );
}
