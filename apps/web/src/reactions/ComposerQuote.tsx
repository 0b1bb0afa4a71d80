import { excerptOf } from "./excerpt.js";
import type { ReplyTarget } from "./replyDraft.js";
import { useT } from "../i18n/useT.js";
import { LinkButton } from "../components/LinkButton.js";

/** Above the composer while writing a reply: whom it answers, and a way out (or Escape). */
export function ComposerQuote({ target, onCancel }: { target: ReplyTarget; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="composer-quote" role="status">
      <span className="composer-quote-label">
        {t("reply.replyingTo", { name: target.from.name })}
      </span>
      <span className="composer-quote-text">{excerptOf(target.text)}</span>
      <LinkButton onClick={onCancel}>{t("reply.cancel")}</LinkButton>
    </div>
  );
}
