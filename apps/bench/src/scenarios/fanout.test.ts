import { describe, expect, it } from "vitest";
import { fanoutGraceMs } from "./fanout.js";

describe("fanoutGraceMs", () => {
  it("keeps small rooms' steps as they were and gives a big room's message time to reach everyone", () => {
    expect(fanoutGraceMs(100)).toBe(51);
    expect(fanoutGraceMs(1_000)).toBe(60);
    // A message to 10,000 sockets takes ~100 ms on an idle server here (scenario a's latency phase).
    expect(fanoutGraceMs(10_000)).toBe(150);
  });
});
