import { describe, expect, it } from "vitest";
import { initialInspector, recordFrame, type NewFrame } from "./inspectorSlice.js";
import { buildTrace } from "./trace.js";

const data = (at: number, type: string): NewFrame => ({
  at,
  direction: "out",
  kind: "data",
  type,
  payloadBytes: 20,
  headerBytes: 2,
  maskBytes: 4,
  seenBy: "browser",
});

/** A control frame from the server (unmasked). */
const control = (at: number, kind: "ping" | "close", more: Partial<NewFrame> = {}): NewFrame => ({
  ...data(at, kind),
  direction: "in",
  kind,
  maskBytes: 0,
  ...more,
});

describe("the downloadable trace", () => {
  it("holds the frames oldest first, the heartbeats, the closes and the final code", () => {
    let slice = recordFrame(initialInspector, data(1, "hello"));
    slice = recordFrame(slice, control(2, "ping", { payloadBytes: 0, seenBy: "server" }));
    slice = recordFrame(slice, { ...data(3, "send"), payloadBytes: 130, headerBytes: 4 });
    slice = recordFrame(slice, control(4, "close", { payloadBytes: 5, code: 4000, reason: "bye" }));

    const trace = JSON.parse(buildTrace(slice, Date.UTC(2026, 10, 25))) as Record<string, unknown>;
    expect((trace.frames as Array<{ type: string }>).map((f) => f.type)).toEqual([
      "hello",
      "ping",
      "send",
      "close",
    ]);
    expect((trace.heartbeats as unknown[]).length).toBe(1);
    expect((trace.closes as unknown[]).length).toBe(1);
    expect(trace.finalClose).toEqual({ code: 4000, reason: "bye" });
    // Header bytes count data frames only: 2+4 and 4+4.
    expect(trace.totals).toEqual({ frames: 4, messages: 2, headerBytes: 14, payloadBytes: 150 });
    expect(trace.exportedAt).toBe("2026-11-25T00:00:00.000Z");
  });
});
