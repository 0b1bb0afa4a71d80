import type { ReplyRef } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";

/** The quoted original above a reply; a click shows the original however old. */
export function ReplyQuote({ quote, onOpen }: { quote: ReplyRef; onOpen: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="reply-quote"
      aria-label={t("reply.openOriginal", { name: quote.from.name, excerpt: quote.excerpt })}
      onClick={onOpen}
    >
      <span className="reply-quote-author">{quote.from.name}</span>{" "}
      <span className="reply-quote-text">{quote.excerpt || t("message.deleted")}</span>
    </button>
  );
}
