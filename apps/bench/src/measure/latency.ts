/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** Holds a bounded number of latency samples (µs); later samples overwrite the oldest. */
export class LatencyRecorder {
  private readonly values: Float64Array;
  private count = 0;

  constructor(capacity = 200_000) {
    this.values = new Float64Array(capacity);
  }

  record(micros: number): void {
    this.values[this.count % this.values.length] = micros;
    this.count++;
  }

  reset(): void {
    this.count = 0;
  }

  summary(): LatencySummary {
    const n = Math.min(this.count, this.values.length);
    const sorted = this.values.slice(0, n).sort();
    return {
      samples: n,
      p50: percentile(sorted, 0.5) / 1000,
      p99: percentile(sorted, 0.99) / 1000,
      max: n > 0 ? (sorted[n - 1] ?? 0) / 1000 : 0,
    };
  }
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
