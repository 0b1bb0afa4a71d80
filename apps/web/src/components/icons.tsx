import type { ReactNode } from "react";

const BELL =
  "M12 3a6 6 0 0 0-6 6v3.6L4.4 15.5A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0";
const PAPERCLIP =
  "M16.5 6.5 8.4 14.6a1.9 1.9 0 0 0 2.7 2.7l8.5-8.5a3.8 3.8 0 0 0-5.4-5.4L5.6 12a5.7 5.7 0 0 0 8.1 8.1l7-7";

/**
 * A line drawing on a 24-unit grid in the text colour. Hidden from assistive technology: the
 * button around it carries the name.
 */
function LineIcon({ d, size, children }: { d: string; size: number; children?: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      {children}
    </svg>
  );
}

/** A bell; struck through when nothing will ring. */
export function BellIcon({ size = 20, struck = false }: { size?: number; struck?: boolean }) {
  return (
    <LineIcon d={BELL} size={size}>
      {struck && (
        <path d="M4 4l16 16" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      )}
    </LineIcon>
  );
}

export function PaperclipIcon() {
  return <LineIcon d={PAPERCLIP} size={20} />;
}
