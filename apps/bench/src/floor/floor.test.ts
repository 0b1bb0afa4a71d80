import { describe, expect, it } from "vitest";
import { measureFloor, socketCeiling } from "./floor.js";

describe("the socket floor", () => {
  it("measures every case end to end on a small run (the full run is `pnpm floor`)", async () => {
    const rows = await measureFloor({ frames: 4_000, sockets: 20, readRate: 40_000 });
    expect(rows.map((r) => r.case)).toEqual([
      "write, 1 frame per write",
      "write, 2 frames per write",
      "write, 4 frames per write",
      "write, 8 frames per write",
      "write, 16 frames per write",
      "read, 1 frame per read",
    ]);
    for (const row of rows) {
      expect(row.frames).toBe(4_000);
      expect(row.serverCpuSeconds).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(row.microsPerFrame)).toBe(true);
    }
  }, 60_000);

  it("turns per-frame costs into the sends per second one core could carry", () => {
    // Ten copies at 5 µs and one read at 10 µs: 60 µs per send.
    expect(Math.round(socketCeiling(5, 10))).toBe(16_667);
    expect(Math.round(socketCeiling(2, 10, 5))).toBe(50_000);
  });
});
