import { describe, expect, it } from "vitest";
import { closePayload, encodeFrame, maskedFrame } from "./encode.js";
import { FrameReader } from "./frameReader.js";
import { Opcode } from "./opcode.js";

describe("encodeFrame and FrameReader", () => {
  it("round-trips FIN, RSV bits, opcodes, masking and the three length forms", () => {
    const specs = [
      { opcode: Opcode.Text, payload: "hi", fin: false, rsv: 0b100 },
      { opcode: Opcode.Continuation, payload: Buffer.alloc(300, 7), masked: false },
      { opcode: 0x3, payload: Buffer.alloc(70_000, 9) },
      { opcode: Opcode.Close, payload: closePayload(1000, "bye") },
    ];
    const bytes = Buffer.concat(specs.map(encodeFrame));
    const reader = new FrameReader();
    const frames = [...reader.push(bytes.subarray(0, 1000)), ...reader.push(bytes.subarray(1000))];
    expect(frames.map((f) => [f.opcode, f.fin, f.rsv, f.masked, f.payload.length])).toEqual([
      [Opcode.Text, false, 0b100, true, 2],
      [Opcode.Continuation, true, 0, false, 300],
      [0x3, true, 0, true, 70_000],
      [Opcode.Close, true, 0, true, 5],
    ]);
    expect(frames[0]?.payload.toString()).toBe("hi");
    expect(frames[2]?.payload.every((b) => b === 9)).toBe(true);
    expect(frames[3]?.payload.readUInt16BE(0)).toBe(1000);
  });

  it("writes a claimed length without sending the payload", () => {
    const frame = encodeFrame({ opcode: Opcode.Text, claimedLength: (1n << 63n) + 5n });
    expect(frame.length).toBe(2 + 8 + 4);
    expect(frame[1]).toBe(0x80 | 127);
    expect(frame.readBigUInt64BE(2)).toBe((1n << 63n) + 5n);
  });

  it("maskedFrame masks with a key that the reader undoes", () => {
    const [frame] = new FrameReader().push(maskedFrame(Opcode.Pong, Buffer.from("hb")));
    expect(frame).toMatchObject({ opcode: Opcode.Pong, fin: true, masked: true });
    expect(frame?.payload.toString()).toBe("hb");
  });
});
