import { describe, expect, it } from "vitest";
import { encodeFrame } from "./encode.js";
import { FrameParser, type FrameSink } from "./frameParser.js";
import { Opcode } from "./opcode.js";

/** An unmasked server frame, as a server would send it. */
function serverFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const header =
    n < 126
      ? Buffer.from([0x80 | opcode, n])
      : n < 65536
        ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(n)]);
  return Buffer.concat([header, payload]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function recorder() {
  const data: (string | undefined)[] = [];
  const control: [number, string][] = [];
  const sink: FrameSink = {
    onData: (_op, payload) => data.push(payload?.toString()),
    onControl: (op, payload) => control.push([op, payload.toString()]),
  };
  return { data, control, sink };
}

describe("FrameParser", () => {
  const frames = [
    serverFrame(Opcode.Text, Buffer.from("hello")),
    serverFrame(Opcode.Text, Buffer.from("y".repeat(300))),
    serverFrame(Opcode.Ping, Buffer.from("hb")),
    serverFrame(Opcode.Binary, Buffer.from("z".repeat(70_000))),
    serverFrame(Opcode.Text, Buffer.from("")),
  ];
  const stream = Buffer.concat(frames);

  it("reads 7-bit, 16-bit and 64-bit lengths and control frames from one chunk", () => {
    const { data, control, sink } = recorder();
    new FrameParser(sink).push(stream);
    expect(data).toEqual(["hello", "y".repeat(300), "z".repeat(70_000), ""]);
    expect(control).toEqual([[Opcode.Ping, "hb"]]);
  });

  it("with collect on, delivers every payload whole whatever the chunk boundaries", () => {
    for (const size of [1, 2, 3, 7, 64, 1000]) {
      const { data, control, sink } = recorder();
      const parser = new FrameParser(sink);
      parser.collect = true;
      for (let i = 0; i < stream.length; i += size) {
        // A reused read buffer: the parser must copy what it keeps.
        const chunk = Buffer.from(stream.subarray(i, i + size));
        parser.push(chunk);
        chunk.fill(0);
      }
      expect(data, `chunks of ${size}`).toEqual(["hello", "y".repeat(300), "z".repeat(70_000), ""]);
      expect(control).toEqual([[Opcode.Ping, "hb"]]);
    }
  });

  it("with collect off, counts a frame split across chunks once, without its payload", () => {
    const { data, sink } = recorder();
    const parser = new FrameParser(sink);
    const big = serverFrame(Opcode.Text, Buffer.from("q".repeat(1000)));
    parser.push(big.subarray(0, 500));
    parser.push(big.subarray(500));
    parser.push(serverFrame(Opcode.Text, Buffer.from("next")));
    expect(data).toEqual([undefined, "next"]);
  });

  it("unmasks a masked frame and reports the mask bit, whole or split across chunks", () => {
    const masked = encodeFrame({ opcode: Opcode.Text, payload: "x".repeat(200) });
    for (const cut of [masked.length, 3, 5, 100]) {
      const { data, sink } = recorder();
      const bits: boolean[] = [];
      const parser = new FrameParser({
        ...sink,
        onData: (op, payload, first, isMasked) => {
          bits.push(isMasked);
          sink.onData(op, payload, first, isMasked);
        },
      });
      parser.collect = true;
      parser.push(masked.subarray(0, cut));
      parser.push(masked.subarray(cut));
      expect(data, `cut at ${cut}`).toEqual(["x".repeat(200)]);
      expect(bits).toEqual([true]);
    }
  });
});
