import type { TargetName } from "../adapters/target.js";
import type { BigRoomResult } from "../scenarios/bigRoom.js";
import type { BundleResult } from "../scenarios/bundleSize.js";
import type { ConnectStormResult } from "../scenarios/connectStorm.js";
import type { FanoutResult } from "../scenarios/fanout.js";
import type { IdleMemoryResult } from "../scenarios/idleMemory.js";
import type { ManySendersResult } from "../scenarios/manySenders.js";

export type BigRoomVariant = "ws" | "ws-default" | "duplex" | "duplex-base" | "duplex-presence";

export type ByTarget<T> = Partial<Record<TargetName, T>>;

/** The machine a run was measured on. */
export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  fdLimit: string;
  serverCore: string;
  generatorCore: string;
}

/** Everything one run measured: printed as tables and written as JSON. */
export interface BenchResults {
  date: string;
  mode: "quick" | "full";
  machine: Machine;
  notes: string[];
  fanout: { receivers: number; byTarget: ByTarget<FanoutResult> }[];
  manySenders: ByTarget<ManySendersResult>;
  idle: ByTarget<IdleMemoryResult>;
  storm: ByTarget<ConnectStormResult>;
  /**
   * Scenario f, per size (and per trial with `--big-room-trials`, numbered from 1): `ws` accepting the
   * storm (and `ws-default`, the same at Node's listen defaults), `duplex` (clients granted
   * member_pages) and, when measured, `duplex-presence` (presence_diff only: the fill before member pages).
   */
  bigRoom: {
    members: number;
    trial?: number;
    byVariant: Partial<Record<BigRoomVariant, BigRoomResult>>;
  }[];
  bundle: BundleResult | undefined;
  errors: { scenario: string; target: TargetName; message: string }[];
}
