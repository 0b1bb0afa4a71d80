import { describe, expect, it } from "vitest";
import { allocateName } from "./names.js";

describe("allocateName", () => {
  it("keeps a name nobody connected holds", () => {
    expect(allocateName("Alice", "u_1", new Map())).toBe("Alice");
  });

  it("suffixes a name another connected user holds, ignoring case", () => {
    expect(allocateName("Alice", "u_2", new Map([["alice", "u_1"]]))).toBe("Alice 2");
  });

  it("takes the first free suffix", () => {
    const holders = new Map([
      ["alice", "u_1"],
      ["alice 2", "u_2"],
    ]);
    expect(allocateName("Alice", "u_3", holders)).toBe("Alice 3");
  });

  it("lets the same user keep its name in a second tab", () => {
    expect(allocateName("Alice", "u_1", new Map([["alice", "u_1"]]))).toBe("Alice");
  });

  it("cuts a long base so the suffixed name stays within 32 characters", () => {
    const long = "x".repeat(32);
    const name = allocateName(long, "u_2", new Map([[long, "u_1"]]));
    expect(name).toBe(`${"x".repeat(30)} 2`);
    expect(name.length).toBeLessThanOrEqual(32);
  });
});
