import { describe, expect, it } from "vitest";
import { LatencyRecorder } from "./latency.js";

describe("LatencyRecorder", () => {
  it("reports nearest-rank p50/p99/max in milliseconds", () => {
    const recorder = new LatencyRecorder();
    for (let i = 1; i <= 1000; i++) recorder.record(i * 1000); // 1..1000 ms, in µs
    expect(recorder.summary()).toEqual({ samples: 1000, p50: 500, p99: 990, max: 1000 });
  });

  it("keeps only the newest samples when full, and starts over on reset", () => {
    const recorder = new LatencyRecorder(4);
    for (const v of [9000, 9000, 1000, 2000, 3000, 4000]) recorder.record(v);
    expect(recorder.summary().max).toBe(4);
    recorder.reset();
    expect(recorder.summary()).toEqual({ samples: 0, p50: 0, p99: 0, max: 0 });
  });
});
