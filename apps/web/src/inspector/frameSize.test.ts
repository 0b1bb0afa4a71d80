import { describe, expect, it } from "vitest";
import { closePayloadBytes, frameHeaderBytes, maskBytes, utf8Length } from "./frameSize.js";

describe("frame header size (RFC 6455 §5.2)", () => {
  it.each([
    [0, 2],
    [125, 2],
    [126, 4],
    [65_535, 4],
    [65_536, 10],
    [10_000_000, 10],
  ])("a %i-byte payload takes a %i-byte header", (payload, header) => {
    expect(frameHeaderBytes(payload)).toBe(header);
  });

  it("adds the 4-byte mask to client→server frames only", () => {
    expect(frameHeaderBytes(125) + maskBytes("out")).toBe(6);
    expect(frameHeaderBytes(126) + maskBytes("out")).toBe(8);
    expect(frameHeaderBytes(65_536) + maskBytes("out")).toBe(14);
    expect(maskBytes("in")).toBe(0);
  });

  it("counts payload bytes in UTF-8, not UTF-16 code units", () => {
    expect(utf8Length("hi")).toBe(2);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("👋")).toBe(4);
    expect(utf8Length("中文")).toBe(6);
  });

  it("sizes a close frame as 2 code bytes plus the reason", () => {
    expect(closePayloadBytes(1000, "bye")).toBe(5);
    expect(closePayloadBytes(undefined, "")).toBe(0);
  });
});
