import { useEffect, useState } from "react";

const STORAGE_KEY = "duplex-web.inspectorWidth";
export const MIN_WIDTH = 320;
export const DEFAULT_WIDTH = 520;
/** Keyboard resizing moves the edge this far per arrow press. */
export const STEP = 40;

/** The widest the inspector may be: the chat keeps at least this much of the window. */
function maxWidth(): number {
  return Math.max(MIN_WIDTH, window.innerWidth - 560);
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(maxWidth(), Math.max(MIN_WIDTH, width)));
}

function storedWidth(): number {
  const stored = Number(window.localStorage.getItem(STORAGE_KEY));
  return clampWidth(Number.isFinite(stored) && stored > 0 ? stored : DEFAULT_WIDTH);
}

/**
 * The docked inspector's width, remembered across visits. It is published as `--inspector-width` on
 * the root while the panel is open, so the chat's layout leaves that much room instead of being
 * covered (see `.chat:has(> .inspector)` in inspector.css).
 */
export function useDockWidth(open: boolean): [number, (width: number) => void] {
  const [width, setWidth] = useState(storedWidth);
  useEffect(() => {
    if (!open) return;
    const root = document.documentElement;
    root.style.setProperty("--inspector-width", `${width}px`);
    window.localStorage.setItem(STORAGE_KEY, String(width));
    return () => {
      root.style.removeProperty("--inspector-width");
    };
  }, [open, width]);
  return [width, (next) => setWidth(clampWidth(next))];
}
