import type { ReactNode } from "react";

/** A small action styled as a link, beside the text it acts on (retry, dismiss, mark read, undo). */
export function LinkButton({
  label,
  onClick,
  children,
}: {
  /** The accessible name, when the visible text alone would not say what it acts on. */
  label?: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="link-button" aria-label={label} onClick={onClick}>
      {children}
    </button>
  );
}
