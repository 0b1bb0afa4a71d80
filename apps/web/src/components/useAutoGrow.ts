import { useLayoutEffect, type RefObject } from "react";

/**
 * Sizes a textarea to its content, wrapped lines included (counting newlines misses a long line
 * that wraps); CSS `max-height` caps it and the box scrolls beyond. Runs before paint, so the box
 * never flashes at the wrong height.
 */
export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    box.style.height = "auto";
    // scrollHeight leaves out the border; with border-box sizing the height must include it.
    const border = box.offsetHeight - box.clientHeight;
    box.style.height = `${box.scrollHeight + Math.max(0, border)}px`;
  }, [ref, value]);
}
