import type { FanoutOptions } from "./scenarios/fanout.js";
import type { ManySendersOptions } from "./scenarios/manySenders.js";

/** Sizes and durations of one run. `quick` is the CI smoke run (< 2 min); `full` is the README's table. */
export interface BenchConfig {
  mode: "quick" | "full";
  fanoutReceivers: number[];
  fanout: Omit<FanoutOptions, "receivers" | "latencyRate">;
  manySenders: ManySendersOptions;
  idle: { connections: number; perRoom: number };
  storm: { clients: number; perRoom: number };
  /** Scenario f: simultaneous joins to one room, one run per size. */
  bigRoom: { members: number[] };
}

// Idle and storm clients sit ten to a room, as in the many-senders scenario: presence and `joined.members`
// are per room, so one 10,000-member room would measure presence fan-out, not connection cost.
const PER_ROOM = 10;

export const QUICK: BenchConfig = {
  mode: "quick",
  fanoutReceivers: [100, 1000],
  fanout: {
    startRate: 20_000,
    growth: 1.5,
    maxRate: 2_000_000,
    refinements: 1,
    stepMs: 500,
    latencyMs: 1000,
    latencyWarmupMs: 500,
    // Keeps the smoke run under two minutes even on a busy machine; the table shows who was ready.
    setupDeadlineMs: 10_000,
  },
  manySenders: { clients: 100, rooms: 10, ratePerClient: 10, durationMs: 2000 },
  idle: { connections: 1000, perRoom: PER_ROOM },
  storm: { clients: 1000, perRoom: PER_ROOM },
  bigRoom: { members: [1000] },
};

export const FULL: BenchConfig = {
  mode: "full",
  // R = 10,000 is one room of 10,000 members: what big rooms cost to fan out to.
  fanoutReceivers: [100, 1000, 5000, 10_000],
  fanout: {
    startRate: 20_000,
    growth: 1.4,
    maxRate: 2_000_000,
    refinements: 3,
    stepMs: 2000,
    latencyMs: 3000,
    latencyWarmupMs: 1000,
    setupDeadlineMs: 60_000,
  },
  manySenders: { clients: 500, rooms: 50, ratePerClient: 10, durationMs: 5000 },
  idle: { connections: 10_000, perRoom: PER_ROOM },
  storm: { clients: 5000, perRoom: PER_ROOM },
  bigRoom: { members: [1000, 5000, 10_000] },
};
