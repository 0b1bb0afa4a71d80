import type { KeyboardEvent, PointerEvent } from "react";
import { MIN_WIDTH, STEP } from "./useDockWidth.js";

/**
 * The inspector's left edge: drag it, or focus it and press ←/→ (Home/End for the extremes), to
 * share the window between the chat and the inspector (WAI-ARIA window splitter pattern).
 */
export function DockResizer({
  width,
  setWidth,
  label,
}: {
  width: number;
  setWidth: (width: number) => void;
  label: string;
}) {
  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setWidth(window.innerWidth - e.clientX);
    const up = () => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = {
      ArrowLeft: width + STEP,
      ArrowRight: width - STEP,
      Home: Number.POSITIVE_INFINITY,
      End: MIN_WIDTH,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setWidth(next);
  }

  return (
    <div
      className="inspector-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      aria-valuemin={MIN_WIDTH}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
