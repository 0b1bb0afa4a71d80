import { encodeFrame } from "@duplex/rawsocket";
import { describe, expect, it } from "vitest";
import { FrameScanner } from "./frameScanner.js";

const frame = (opcode: number, payload: number, masked: boolean) =>
  encodeFrame({ opcode, payload: Buffer.alloc(payload, 7), masked });

describe("FrameScanner", () => {
  it("reports each data frame's wire size however the stream is cut, and skips control frames", () => {
    const sizes: number[] = [];
    const scanner = new FrameScanner((n) => sizes.push(n));
    const stream = Buffer.concat([
      frame(1, 10, true),
      frame(9, 0, true),
      frame(1, 300, true),
      frame(2, 0, false),
    ]);
    for (let i = 0; i < stream.length; i += 3) scanner.push(stream.subarray(i, i + 3));
    expect(sizes).toEqual([2 + 4 + 10, 4 + 4 + 300, 2]);
  });
});
