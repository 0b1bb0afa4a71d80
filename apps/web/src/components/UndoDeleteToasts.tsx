import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { LinkButton } from "./LinkButton.js";

/**
 * One toast per delete still held back (see `heldDeletes`): "Message deleted" with Undo. It goes
 * when the delete is sent, so it needs no timer of its own. Rendered inside the toasts' live region.
 */
export function UndoDeleteToasts() {
  const held = useDuplex((s) => s.chat.heldDeletes);
  const texts = useDuplex((s) => s.messages.byRoom);
  const { undoDelete } = useActions();
  const t = useT();
  return held.map(({ room, id }) => {
    const text = texts[room]?.find((m) => m.id === id)?.text ?? "";
    return (
      <article key={id} className="toast toast-undo" aria-label={t("undo.deleted")}>
        <span className="toast-mark" aria-hidden="true">
          ⌫
        </span>
        <div className="toast-content">
          <p className="toast-title">{t("undo.deleted")}</p>
          <LinkButton label={t("undo.actionLabel", { text })} onClick={() => undoDelete(id)}>
            {t("undo.action")}
          </LinkButton>
        </div>
      </article>
    );
  });
}
