import {
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from "react";
import { LIMITS } from "@duplex/protocol";
import { canSend } from "../store/createDuplexStore.js";
import { roomLabel } from "../store/roomLabel.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { useAutoGrow } from "./useAutoGrow.js";
import { ComposerQuote } from "../reactions/ComposerQuote.js";
import { useReplyTarget, useSetReplyTarget } from "../reactions/replyDraft.js";
import { FileButton } from "../files/FileButton.js";
import { UploadList } from "../files/UploadList.js";
import { filesOf } from "../files/droppedFiles.js";

/** Show the counter once the text gets near the limit, not all the time. */
const COUNTER_FROM = LIMITS.maxTextLength - 500;

export function Composer({ room }: { room: string }) {
  const { sendMessage, sendReply, notifyTyping, sendFiles } = useActions();
  const replyTarget = useReplyTarget();
  const setReplyTarget = useSetReplyTarget();
  const canUpload = useDuplex((s) => s.files.available);
  const t = useT();
  const label = useDuplex((s) => roomLabel(room, s.chat.dmPeers));
  const [text, setText] = useState("");
  const inputId = useId();
  const counterId = useId();
  const tooLong = text.length > LIMITS.maxTextLength;
  const box = useRef<HTMLTextAreaElement>(null);
  useAutoGrow(box, text);

  function submit() {
    // The client checks the text once (blank, too long) and the action answers false on its refusal.
    if (replyTarget && sendReply(text, replyTarget.id)) {
      setText("");
      setReplyTarget(undefined);
    } else if (!replyTarget && sendMessage(text)) setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape" && replyTarget) {
      event.preventDefault();
      setReplyTarget(undefined);
      return;
    }
    // Enter sends, Shift+Enter is a newline; Enter that confirms an IME composition is neither.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit();
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    // A pasted screenshot or copied file uploads; pasted text stays the textarea's business.
    const files = canUpload ? filesOf(event.clipboardData) : [];
    if (files.length === 0) return;
    event.preventDefault();
    sendFiles(files);
  }

  return (
    <>
      <UploadList room={room} />
      <form className="composer" onSubmit={onSubmit}>
        {replyTarget && (
          <ComposerQuote
            target={replyTarget}
            onCancel={() => {
              setReplyTarget(undefined);
              box.current?.focus();
            }}
          />
        )}
        <label htmlFor={inputId} className="visually-hidden">
          {t("composer.label")}
        </label>
        <textarea
          id={inputId}
          ref={box}
          data-composer=""
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() !== "") notifyTyping();
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          placeholder={t("composer.placeholder", { room: label })}
          // One line to start; useAutoGrow then fits it to the text, wrapped lines included.
          rows={1}
          aria-invalid={tooLong}
          aria-describedby={text.length >= COUNTER_FROM ? counterId : undefined}
        />
        {text.length >= COUNTER_FROM && (
          <span id={counterId} className={tooLong ? "counter counter-over" : "counter"}>
            {tooLong
              ? t("composer.tooLong", { length: text.length, max: LIMITS.maxTextLength })
              : t("composer.left", { count: LIMITS.maxTextLength - text.length })}
          </span>
        )}
        {canUpload && <FileButton />}
        <button type="submit" className="button-primary" disabled={!canSend(text)}>
          {t("composer.send")}
        </button>
      </form>
    </>
  );
}
