import { randomBytes } from "node:crypto";
import { COMPARE_LIMITS, type CompareMode } from "@duplex/protocol";
import { KeyedBuckets } from "../limits/keyedBuckets.js";
import { CompareRun, type RunOwner } from "./CompareRun.js";

/** Bounds of the comparison endpoints as a whole. */
export interface CompareRunLimits {
  /** Runs open at once from one address (several users may share it). @default 4 */
  perAddress: number;
  /** Runs open at once on this node. @default 64 */
  total: number;
  /** Runs an address may open a minute (a burst of as many). @default 30 */
  createsPerMinute: number;
  /** @default COMPARE_LIMITS.maxRunMs */
  maxRunMs: number;
}

export const DEFAULT_RUN_LIMITS: CompareRunLimits = {
  perAddress: 4,
  total: 64,
  createsPerMinute: 30,
  maxRunMs: COMPARE_LIMITS.maxRunMs,
};

export type Refused = { refused: string; status: 429 | 503; retryAfterMs?: number };

/**
 * The open runs. A user has at most one (opening another ends the first, as the panel runs modes
 * one after another); addresses and the node have caps; every run ends by itself after `maxRunMs`.
 * Runs are found by an unguessable id, which the stream, poll and socket URLs carry.
 */
export class CompareRuns {
  readonly #runs = new Map<string, CompareRun>();
  readonly #byUser = new Map<string, CompareRun>();
  readonly #creates: KeyedBuckets;

  constructor(
    readonly limits: CompareRunLimits = DEFAULT_RUN_LIMITS,
    readonly now: () => number = Date.now,
  ) {
    this.#creates = new KeyedBuckets(limits.createsPerMinute, limits.createsPerMinute / 60);
  }

  get size(): number {
    return this.#runs.size;
  }

  open(owner: RunOwner, mode: CompareMode): CompareRun | Refused {
    this.#byUser.get(owner.userId)?.close();
    const wait = this.#creates.take(owner.address, this.now());
    if (wait > 0) return { refused: "too many comparison runs", status: 429, retryAfterMs: wait };
    const fromAddress = [...this.#runs.values()].filter((r) => r.owner.address === owner.address);
    if (fromAddress.length >= this.limits.perAddress) {
      return { refused: "too many comparison runs from this address", status: 429 };
    }
    if (this.#runs.size >= this.limits.total) {
      return { refused: "the server is running too many comparisons", status: 503 };
    }
    const run = new CompareRun(randomBytes(16).toString("base64url"), mode, owner, this.now);
    this.#runs.set(run.id, run);
    this.#byUser.set(owner.userId, run);
    const timer = setTimeout(() => run.close(), this.limits.maxRunMs);
    timer.unref();
    run.onClose(() => {
      clearTimeout(timer);
      this.#runs.delete(run.id);
      if (this.#byUser.get(owner.userId) === run) this.#byUser.delete(owner.userId);
    });
    return run;
  }

  get(id: string): CompareRun | undefined {
    return this.#runs.get(id);
  }

  closeAll(): void {
    for (const run of [...this.#runs.values()]) run.close();
  }
}
