import { describe, expect, it } from "vitest";
import type { BigRoomResult } from "../scenarios/bigRoom.js";
import { bigRoomMedians, median, renderBigRoomMedians } from "./bigRoomMedians.js";
import type { BenchResults, BigRoomVariant } from "./results.js";

const fill = (elapsedMs: number, ready = 10_000): BigRoomResult => ({
  members: 10_000,
  ready,
  failures: 10_000 - ready,
  firstError: undefined,
  elapsedMs,
  bytesToClients: 0,
  peakBytesPerMember: 0,
  idleBytesPerMember: 9 * 1024,
  cpu: { server: 0.9, generator: 0.5, others: 0 },
  serverCpuUsPerMember: elapsedMs / 10,
  saturates: "server",
});

const VARIANTS: readonly BigRoomVariant[] = ["ws-default", "duplex"];

// Three trials: the baseline fast, slow, fast (its SYN-drop mode); Duplex steady.
const trials = (duplex: readonly BigRoomResult[]): Pick<BenchResults, "bigRoom"> => ({
  bigRoom: [1_550, 2_400, 1_600].map((base, i) => ({
    members: 10_000,
    trial: i + 1,
    byVariant: { "ws-default": fill(base), duplex: duplex[i] as BigRoomResult },
  })),
});

describe("the medians of a big-room run in trials", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("sets the median fill against ws-default's median, and each trial against its own", () => {
    const [base, duplex] = bigRoomMedians(
      trials([fill(3_000), fill(3_300), fill(3_100)]),
      VARIANTS,
    );
    expect(base?.elapsedMs).toBe(1_600);
    expect(duplex).toMatchObject({
      trials: 3,
      elapsedMs: 3_100,
      minElapsedMs: 3_000,
      maxElapsedMs: 3_300,
    });
    // 3,000 / 1,550, 3,300 / 2,400, 3,100 / 1,600: the slow baseline's trial is the lowest pair.
    expect(duplex?.paired?.median).toBeCloseTo(3_000 / 1_550, 6);
    expect(duplex?.paired?.max).toBeCloseTo(3_100 / 1_600, 6);
    expect(duplex?.paired?.min).toBeCloseTo(1.375, 4);
    const table = renderBigRoomMedians(trials([fill(3_000), fill(3_300), fill(3_100)]), VARIANTS);
    const row = table
      .join("\n")
      .split("\n")
      .find((line) => line.startsWith("duplex "));
    expect(row).toMatch(/3100\s+3000–3300\s+1\.94×\s+1\.94× \(1\.38×–1\.94×\)\s+310\s+9\.0/);
  });

  it("leaves out a trial in which members were left unready", () => {
    const [, duplex] = bigRoomMedians(
      trials([fill(3_000), fill(1_000, 9_000), fill(3_100)]),
      VARIANTS,
    );
    expect(duplex).toMatchObject({ trials: 2, elapsedMs: 3_050, minElapsedMs: 3_000 });
  });

  it("prints nothing for a run of one trial", () => {
    const one = { bigRoom: [{ members: 10_000, byVariant: { duplex: fill(3_000) } }] };
    expect(renderBigRoomMedians(one, VARIANTS)).toEqual([]);
  });
});
