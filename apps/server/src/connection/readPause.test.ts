import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { PeerSocket } from "./PeerSocket.js";
import { holdReads, releaseReads } from "./readPause.js";

function pausable() {
  const calls: string[] = [];
  const socket = Object.assign(new EventEmitter(), {
    pause: () => calls.push("pause"),
    resume: () => calls.push("resume"),
  }) as unknown as PeerSocket;
  return { socket, calls };
}

describe("holdReads / releaseReads", () => {
  it("pauses once and resumes only when every reason is released", () => {
    const { socket, calls } = pausable();
    expect(holdReads(socket, "frames")).toBe(true);
    expect(holdReads(socket, "chunks")).toBe(false);
    expect(holdReads(socket, "frames")).toBe(false);
    releaseReads(socket, "frames");
    expect(calls).toEqual(["pause"]);
    releaseReads(socket, "chunks");
    expect(calls).toEqual(["pause", "resume"]);
  });

  it("ignores a release without a hold, and a socket that cannot pause", () => {
    const { socket, calls } = pausable();
    releaseReads(socket, "frames");
    expect(calls).toEqual([]);
    const sse = new EventEmitter() as unknown as PeerSocket;
    expect(holdReads(sse, "frames")).toBe(false);
    releaseReads(sse, "frames");
  });

  it("pauses again after a full release", () => {
    const { socket, calls } = pausable();
    holdReads(socket, "chunks");
    releaseReads(socket, "chunks");
    expect(holdReads(socket, "chunks")).toBe(true);
    expect(calls).toEqual(["pause", "resume", "pause"]);
  });
});
