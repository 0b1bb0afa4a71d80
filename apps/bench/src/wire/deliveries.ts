import { LatencyRecorder } from "../measure/latency.js";
import { nowMicros, readStamp } from "./payload.js";

/**
 * Counts data frames across many receivers and samples the latency of one frame in `sampleEvery`.
 * Receivers share one instance, so the hot path is an increment and a mask test.
 */
export class Deliveries {
  count = 0;
  /** Bytes the receivers read after their upgrade (frames, headers included), whatever the phase. */
  bytes = 0;
  readonly latency = new LatencyRecorder();
  private readonly sampleMask: number;

  /** @param sampleEvery a power of two; 1 samples every frame. @default 16 */
  constructor(sampleEvery = 16) {
    if ((sampleEvery & (sampleEvery - 1)) !== 0)
      throw new Error("sampleEvery must be a power of 2");
    this.sampleMask = sampleEvery - 1;
  }

  /** One data frame arrived; `payload` is present when it arrived whole. */
  frame(payload: Buffer | undefined): void {
    this.count++;
    if ((this.count & this.sampleMask) !== 0 || payload === undefined) return;
    const sentAt = readStamp(payload);
    if (sentAt > 0) this.latency.record(nowMicros() - sentAt);
  }
}
