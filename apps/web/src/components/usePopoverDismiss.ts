import { useEffect, type RefObject } from "react";

/**
 * An open popover closes on Escape (focus back on the button that opened it) and on a pointer down
 * outside its anchor.
 */
export function usePopoverDismiss(
  open: boolean,
  close: () => void,
  anchor: RefObject<HTMLElement | null>,
  button: RefObject<HTMLElement | null>,
): void {
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
  }, [open, close, anchor, button]);
}
