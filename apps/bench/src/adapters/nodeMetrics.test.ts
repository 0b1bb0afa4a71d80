import { describe, expect, it } from "vitest";
import { readNodeMetrics } from "./nodeMetrics.js";

const histogram = (op: string, counts: number[]) =>
  ["0.001", "0.01", "0.1", "+Inf"]
    .map((le, i) => `duplex_store_seconds_bucket{le="${le}",node="n_1",op="${op}"} ${counts[i]}`)
    .join("\n");

const metrics = [
  "# HELP duplex_gap_fills_total Messages read from the store because the broker skipped them",
  'duplex_gap_fills_total{node="n_1"} 0',
  'duplex_frames_out_total{node="n_1"} 1103197',
  histogram("page", [0, 0, 0, 5]),
  // 100 appends: 40 within 1 ms, 95 within 10 ms, all 100 within 100 ms
  histogram("append", [40, 95, 100, 100]),
  'nodejs_eventloop_lag_p99_seconds{node="n_1"} 0.058097663',
].join("\n");

describe("a node's /metrics as the bench prints it", () => {
  it("reads the counters, the append latency's p50 and p99 buckets and the loop's p99 delay", () => {
    expect(readNodeMetrics(metrics)).toEqual({
      gap_fills: 0,
      frames_out: 1103197,
      append_p50_le_ms: 10,
      append_p99_le_ms: 100,
      loop_lag_p99_ms: 58.1,
    });
  });

  it("leaves out what the node did not report", () => {
    expect(readNodeMetrics(histogram("append", [0, 0, 0, 0]))).toEqual({});
  });
});
