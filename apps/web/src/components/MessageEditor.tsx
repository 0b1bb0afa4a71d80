import { useState, type KeyboardEvent } from "react";
import { useT } from "../i18n/useT.js";
import { canSend } from "../store/createDuplexStore.js";

/** Inline editor for one of our messages: Enter saves, Shift+Enter is a newline, Escape cancels. */
export function MessageEditor({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const t = useT();

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      if (text === initial) onCancel();
      else if (canSend(text)) onSave(text);
    }
  }

  return (
    <div className="message-editor">
      <textarea
        aria-label={t("editor.label")}
        value={text}
        rows={Math.min(6, text.split("\n").length)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={!canSend(text)}
        // The user asked to edit: the box should take the keyboard at once.
        autoFocus
      />
      <span className="message-editor-hint">{t("editor.hint")}</span>
    </div>
  );
}
