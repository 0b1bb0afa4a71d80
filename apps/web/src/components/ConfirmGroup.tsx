import { useEffect, useRef, type ReactNode } from "react";
import { useT } from "../i18n/useT.js";

/** Where a confirmed request about `target` stands: not asked, asked, running, done or failed. */
export type ConfirmStep<T> =
  | { kind: "idle" }
  | { kind: "confirm" | "busy" | "done"; target: T }
  | { kind: "failed"; error: string };

export interface ConfirmGroupProps {
  /** Names the group for screen readers. */
  label: string;
  question: string;
  /** The confirming button's text. */
  confirm: string;
  /** While the confirmed request runs, both buttons are disabled. */
  busy: boolean;
  /** A destructive action shows its button as a danger. @default false */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** Choices asked for with the question (a duration), before the buttons. */
  children?: ReactNode;
}

/**
 * A question with its confirm and Cancel buttons, shown before a moderation request is sent. It
 * takes the focus when it appears, so a keyboard user lands on its first control.
 */
export function ConfirmGroup(props: ConfirmGroupProps) {
  const { label, question, confirm, busy, danger = false, onConfirm, onCancel, children } = props;
  const t = useT();
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    group.current?.querySelector<HTMLElement>("select, button")?.focus();
  }, []);
  return (
    <div ref={group} className="member-confirm" role="group" aria-label={label}>
      <p>{question}</p>
      {children}
      <button
        type="button"
        className={danger ? "button-primary button-danger" : "button-primary"}
        disabled={busy}
        onClick={onConfirm}
      >
        {confirm}
      </button>
      <button type="button" className="button-secondary" disabled={busy} onClick={onCancel}>
        {t("moderation.cancel")}
      </button>
    </div>
  );
}
