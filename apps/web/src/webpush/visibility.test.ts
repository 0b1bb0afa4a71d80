import { describe, expect, it } from "vitest";
import { reportVisibility } from "./visibility.js";

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

describe("visibility reporting", () => {
  it("reports the tab's visibility at once and on every change, until stopped", () => {
    const told: boolean[] = [];
    setVisibility("visible");
    const stop = reportVisibility({ setVisibility: (visible) => told.push(visible) });
    setVisibility("hidden");
    setVisibility("visible");
    stop();
    setVisibility("hidden");
    expect(told).toEqual([true, false, true]);
  });
});
