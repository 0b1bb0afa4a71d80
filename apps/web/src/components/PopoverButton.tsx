import { useCallback, type ReactNode } from "react";
import { usePopover } from "./usePopover.js";

/** A header button and the popover it opens under it (see `usePopover` for Escape and outside clicks). */
export function PopoverButton({
  open,
  onOpenChange,
  className,
  buttonClassName,
  label,
  title,
  button,
  children,
}: {
  open: boolean;
  /** Must be stable (a store action or a state setter): closing on Escape subscribes with it. */
  onOpenChange: (open: boolean) => void;
  /** The anchor's class: the element holding the button and the popover. */
  className: string;
  buttonClassName: string;
  label: string;
  title?: string;
  /** What the button shows. */
  button: ReactNode;
  /** The popover, rendered while open, with the id the button controls. */
  children: (popoverId: string) => ReactNode;
}) {
  const close = useCallback(() => onOpenChange(false), [onOpenChange]);
  const { anchor, popoverId, buttonProps } = usePopover(open, close);
  return (
    <div className={className} ref={anchor}>
      <button
        {...buttonProps}
        type="button"
        className={buttonClassName}
        aria-label={label}
        title={title}
        onClick={() => onOpenChange(!open)}
      >
        {button}
      </button>
      {open && children(popoverId)}
    </div>
  );
}
