import { useEffect, useId, useRef } from "react";

/**
 * A popover opened by a button: the refs for its anchor (the element holding button and popover)
 * and its button, the popover's id, and the button's `aria-expanded`/`aria-controls`. An open
 * popover closes on Escape (focus back on the button that opened it) and on a pointer down outside
 * its anchor.
 */
export function usePopover(open: boolean, close: () => void) {
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      close();
      button.current?.focus();
    }
    function onPointer(event: PointerEvent) {
      if (event.target instanceof Node && !anchor.current?.contains(event.target)) close();
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close]);

  const buttonProps = {
    ref: button,
    "aria-expanded": open,
    "aria-controls": open ? popoverId : undefined,
  };
  return { anchor, popoverId, buttonProps };
}
