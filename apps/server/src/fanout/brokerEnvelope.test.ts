import { describe, expect, it } from "vitest";
import { packEnvelope, unpackEnvelope } from "./brokerEnvelope.js";

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
});
