import { describe, expect, it } from "vitest";
import { CHUNK_HEADER_BYTES, decodeChunk, encodeChunk } from "./files.js";

const ID = "00ff10203040506070809a0b0c0d0e0f";

describe("binary chunk frames", () => {
  it("round-trips the upload id, an offset beyond 4 GiB and the payload", () => {
    const payload = new Uint8Array([1, 2, 3, 250]);
    const frame = encodeChunk(ID, 2 ** 32 + 7, payload);
    expect(frame.byteLength).toBe(CHUNK_HEADER_BYTES + 4);
    expect(frame[0]).toBe(1);
    expect(decodeChunk(frame)).toEqual({ uploadId: ID, offset: 2 ** 32 + 7, payload });
  });

  it("refuses a frame shorter than the header or of an unknown version", () => {
    expect(decodeChunk(new Uint8Array(10))).toEqual({
      error: "frame shorter than the chunk header",
    });
    const frame = encodeChunk(ID, 0, new Uint8Array(0));
    frame[0] = 9;
    expect(decodeChunk(frame)).toEqual({ error: "unknown chunk version 9" });
  });

  it("reads a chunk inside a larger buffer (a Node Buffer slice) without copying", () => {
    const inner = encodeChunk(ID, 65_536, new Uint8Array([9, 9]));
    const outer = new Uint8Array(inner.byteLength + 8);
    outer.set(inner, 8);
    const chunk = decodeChunk(outer.subarray(8));
    expect(chunk).toMatchObject({ uploadId: ID, offset: 65_536 });
    expect("payload" in chunk && chunk.payload.buffer).toBe(outer.buffer);
  });
});
