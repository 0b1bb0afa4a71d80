import type { StatsSample } from "@duplex/protocol";

/** Samples kept for the chart: one a second, so about a minute. */
export const MAX_SAMPLES = 60;

export interface TimedSample extends StatsSample {
  ts: number;
}

/** The live server statistics, fed by the `stats` topic while the panel is shown. */
export interface StatsSlice {
  visible: boolean;
  /** Oldest first, at most `MAX_SAMPLES`. */
  samples: readonly TimedSample[];
  /** How many samples arrived since the panel opened (the chart keeps only the last ones). */
  received: number;
}

export const initialStats: StatsSlice = { visible: false, samples: [], received: 0 };

export function appendSample(slice: StatsSlice, ts: number, value: StatsSample): StatsSlice {
  return {
    ...slice,
    samples: [...slice.samples, { ...value, ts }].slice(-MAX_SAMPLES),
    received: slice.received + 1,
  };
}
