import { CAPABILITIES, Capability } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { sharedCaps } from "./sharedCaps.js";

describe("sharedCaps", () => {
  it("gives sockets granted the same capabilities, in any order, one set", () => {
    const a = sharedCaps([Capability.MemberPages, Capability.PresenceDiff]);
    const b = sharedCaps([Capability.PresenceDiff, Capability.MemberPages]);
    expect(b).toBe(a);
    expect([...a]).toEqual([Capability.PresenceDiff, Capability.MemberPages]);
    const other = sharedCaps([Capability.PresenceDiff]);
    expect(other).not.toBe(a);
    expect([...other]).toEqual([Capability.PresenceDiff]);
  });

  it("still grants exactly what was asked once the shared grants are many", () => {
    // Every subset of the first nine capabilities: more distinct grants than are kept.
    const nine = CAPABILITIES.slice(0, 9);
    for (let mask = 1; mask < 1 << nine.length; mask++) {
      const grant = nine.filter((_, i) => (mask >> i) & 1);
      expect([...sharedCaps(grant)]).toEqual(grant);
    }
  });
});
