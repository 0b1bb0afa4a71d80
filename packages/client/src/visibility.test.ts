import { describe, expect, it } from "vitest";
import { advance, connected, useFakeTimersPerTest } from "../test/harness.js";

useFakeTimersPerTest();

const visibilityFrames = (received: readonly { type: string }[]) =>
  received.filter((m) => m.type === "visibility");

describe("visibility reports", () => {
  it("sends each change, and the latest state again after a reconnect, when granted", async () => {
    const h = await connected({ caps: ["visibility"] });
    expect(visibilityFrames(h.peer.last.received)).toEqual([{ type: "visibility", visible: true }]);
    h.client.setVisibility(false);
    expect(visibilityFrames(h.peer.last.received)).toEqual([
      { type: "visibility", visible: true },
      { type: "visibility", visible: false },
    ]);
    const first = h.peer.last;
    first.serverClose(1001, "restart");
    await advance(60_000);
    expect(h.peer.last).not.toBe(first);
    expect(visibilityFrames(h.peer.last.received)).toEqual([
      { type: "visibility", visible: false },
    ]);
  });

  it("never sends it to a node that did not grant the capability", async () => {
    const h = await connected();
    h.client.setVisibility(false);
    expect(visibilityFrames(h.peer.last.received)).toEqual([]);
  });
});
