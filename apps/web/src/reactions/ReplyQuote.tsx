import type { ReplyRef } from "@duplex/protocol";
import { plainExcerpt } from "../format/plainExcerpt.js";
import { useT } from "../i18n/useT.js";

/** The quoted original above a reply; a click shows the original however old. */
export function ReplyQuote({ quote, onOpen }: { quote: ReplyRef; onOpen: () => void }) {
  const t = useT();
  // The server quotes the source text; people read it without the Markdown markers.
  const excerpt = plainExcerpt(quote.excerpt);
  return (
    <button
      type="button"
      className="reply-quote"
      aria-label={t("reply.openOriginal", { name: quote.from.name, excerpt })}
      onClick={onOpen}
    >
      <span className="reply-quote-author">{quote.from.name}</span>{" "}
      <span className="reply-quote-text">{excerpt || t("message.deleted")}</span>
    </button>
  );
}
