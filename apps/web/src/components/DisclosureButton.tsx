import type { ReactNode } from "react";

/** A button that shows or hides something: says whether it is open, and asks for the other state. */
export function DisclosureButton({
  open,
  onToggle,
  controls,
  className,
  label,
  children,
}: {
  open: boolean;
  /** Called with the state asked for: `!open`. */
  onToggle: (open: boolean) => void;
  /** The id of what it shows, while that is in the document. */
  controls?: string;
  className: string;
  /** The accessible name, when the visible text alone would not say what it shows. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={className}
      aria-expanded={open}
      aria-controls={controls}
      aria-label={label}
      onClick={() => onToggle(!open)}
    >
      {children}
    </button>
  );
}
