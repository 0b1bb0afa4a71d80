import { describe, expect, it } from "vitest";
import { compact, formatTable, ratio } from "./table.js";

describe("table formatting", () => {
  it("left-aligns the first column and right-aligns the others", () => {
    expect(
      formatTable(
        ["target", "rate"],
        [
          ["ws", "1"],
          ["duplex", "200"],
        ],
      ),
    ).toBe(["target  rate", "------  ----", "ws         1", "duplex   200"].join("\n"));
  });

  it("prints ratios with two decimals and a dash when the base is missing or zero", () => {
    expect(ratio(150, 100)).toBe("1.50×");
    expect(ratio(1, 0)).toBe("–");
    expect(ratio(1, undefined)).toBe("–");
  });

  it("abbreviates large rates", () => {
    expect([compact(950), compact(218_912), compact(1_500_000)]).toEqual([
      "950",
      "218.9k",
      "1.50M",
    ]);
  });
});
