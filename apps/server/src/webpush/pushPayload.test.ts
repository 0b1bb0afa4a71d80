import { WEB_PUSH_LIMITS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import type { NewNotification } from "../store/NotificationStore.js";
import { pushPayload } from "./pushPayload.js";

const base: NewNotification = {
  id: "n_mention_m_1",
  kind: "mention",
  title: "Alice mentioned you in #general",
  body: "hello",
  level: "info",
  ts: 1_700_000_000_000,
};
const size = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe("pushPayload", () => {
  it("carries the id, kind, title, body, and the room and message to open", () => {
    expect(pushPayload({ ...base, link: { room: "general", messageId: "m_1", seq: 3 } })).toEqual({
      id: "n_mention_m_1",
      kind: "mention",
      title: "Alice mentioned you in #general",
      body: "hello",
      room: "general",
      messageId: "m_1",
      ts: 1_700_000_000_000,
    });
    expect(pushPayload(base)).not.toHaveProperty("room");
  });

  it("shortens a long body (four-byte characters too) to fit the push services' limit", () => {
    const body = "🎉".repeat(4000); // 16,000 bytes of UTF-8
    const payload = pushPayload({ ...base, body });
    expect(size(payload)).toBeLessThanOrEqual(WEB_PUSH_LIMITS.maxPayloadBytes);
    expect(payload.body.endsWith("…")).toBe(true);
    // No half of a surrogate pair left behind.
    expect(() => encodeURIComponent(payload.body)).not.toThrow();
  });
});
