import { describe, expect, it } from "vitest";
import { PAYLOAD_CHARS, readStamp, stampedText } from "./payload.js";

describe("stamped payload", () => {
  it("is exactly PAYLOAD_CHARS long and reads back its send time from inside any envelope", () => {
    const text = stampedText(1_234_567_890_123);
    expect(text).toHaveLength(PAYLOAD_CHARS);
    const envelope = JSON.stringify({ type: "message", room: "r", from: { id: "u_x" }, text });
    expect(readStamp(Buffer.from(envelope))).toBe(1_234_567_890_123);
    expect(readStamp(Buffer.from(`42${JSON.stringify(["m", text])}`))).toBe(1_234_567_890_123);
  });

  it("answers -1 for a frame without a stamp or with a truncated one", () => {
    expect(readStamp(Buffer.from('{"type":"presence"}'))).toBe(-1);
    expect(readStamp(Buffer.from("@12345"))).toBe(-1);
  });
});
