import { describe, expect, it, vi } from "vitest";
import { flush, type Harness, harness, useFakeTimersPerTest } from "../test/harness.js";
import type { FrameEvent } from "./types.js";

useFakeTimersPerTest();

function closeFrames(frames: FrameEvent[]) {
  return frames
    .filter((f) => f.type === "close")
    .map(({ direction, code, reason }) => ({ direction, code, reason }));
}

/** A connected client whose frame events are recorded. */
async function recordingFrames(): Promise<{ h: Harness; frames: FrameEvent[] }> {
  const h = harness();
  const frames: FrameEvent[] = [];
  h.client.on("frame", (f) => frames.push(f));
  h.client.connect();
  await flush();
  return { h, frames };
}

describe("close frames in the frame event (for the inspector)", () => {
  it("reports the close it sends and the peer's answering close, without changing state", async () => {
    const { h, frames } = await recordingFrames();
    h.client.close(4000, "testing");
    await flush();
    expect(closeFrames(frames)).toEqual([
      { direction: "out", code: 4000, reason: "testing" },
      { direction: "in", code: 4000, reason: "testing" },
    ]);
    expect(h.client.state).toMatchObject({ status: "closed", lastClose: { code: 4000 } });
  });

  it("reports a close the server starts, and 1006 when the link dies without one", async () => {
    const { h, frames } = await recordingFrames();
    h.peer.last.serverClose(1001, "restarting");
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    h.peer.last.drop();
    await flush();
    expect(closeFrames(frames)).toEqual([
      { direction: "in", code: 1001, reason: "restarting" },
      { direction: "in", code: 1006, reason: "" },
    ]);
  });
});
