import { describe, expect, it } from "vitest";
import { sqliteFloor } from "../scripts/sqlite-floor.js";

describe("bench:sqlite-floor (smoke; the figures come from the script's own run)", () => {
  it("stores every row of every batch, synced or not, and reports its CPU per row", () => {
    for (const sync of [true, false]) {
      const floor = sqliteFloor(20, 500, sync);
      expect(floor.stored).toBe(500);
      expect(floor.microsPerRow).toBeGreaterThan(0);
      expect(floor.systemPerRow).toBeLessThanOrEqual(floor.microsPerRow);
    }
  });
});
