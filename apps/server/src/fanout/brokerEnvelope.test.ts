import { describe, expect, it } from "vitest";
import { packEnvelope, packMany, unpackEnvelope, unpackMany } from "./brokerEnvelope.js";

interface Header {
  to?: string[];
  volatile?: boolean;
  seq?: number;
}

describe("brokerEnvelope", () => {
  it("sends a frame without a header as the bare frame", () => {
    const frame = '{"type":"typing","room":"r"}';
    expect(packEnvelope<Header>({ volatile: false, seq: undefined }, frame)).toBe(frame);
    expect(unpackEnvelope<Header>(frame)).toEqual({ header: {}, frame });
  });

  it("round-trips a header and a multi-line payload", () => {
    const frame = '{"a":1}\n{"b":"x\\ny"}';
    const packed = packEnvelope<Header>({ to: ["u1", "u2"], seq: 7 }, frame);
    expect(packed.startsWith("!")).toBe(true);
    expect(unpackEnvelope<Header>(packed)).toEqual({ header: { to: ["u1", "u2"], seq: 7 }, frame });
  });

  it("refuses a header that is not JSON or has no frame", () => {
    expect(() => unpackEnvelope<Header>("!{oops\n{}")).toThrow();
    expect(() => unpackEnvelope<Header>('!{"seq":1}')).toThrow();
  });

  it("bundles a turn's payloads into one message and splits them back in order", () => {
    const payloads = [
      packEnvelope<Header>({ seq: 7 }, '{"type":"message","text":"héllo 你好 *3\\n"}'),
      '{"type":"typing","room":"r"}',
      packEnvelope<Header>({ seq: 8 }, '{"type":"message","text":""}'),
    ];
    expect(unpackMany(packMany(payloads))).toEqual(payloads);
    expect(packMany([payloads[1] ?? ""])).toBe(payloads[1]);
    expect(() => unpackMany("*5,99\nabcde")).toThrow(/bad length/);
  });
});
