import { describe, expect, it } from "vitest";
import { decodeClientMessage, decodeServerMessage, encode } from "./codec.js";
import { invalidClientFrames, validClientMessages, validServerMessages } from "./fixtures.js";
import { CLIENT_MESSAGE_TYPES } from "./clientMessages.js";
import { SERVER_MESSAGE_TYPES } from "./serverMessages.js";

describe("codec round trip", () => {
  it("covers every client message type", () => {
    const covered = new Set(validClientMessages.map((m) => m.type));
    expect([...covered].sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
  });

  it("covers every server message type", () => {
    const covered = new Set(validServerMessages.map((m) => m.type));
    expect([...covered].sort()).toEqual([...SERVER_MESSAGE_TYPES].sort());
  });

  it.each(validClientMessages.map((m) => [m.type, m] as const))(
    "client %s survives encode → decode unchanged",
    (_type, message) => {
      expect(decodeClientMessage(encode(message))).toEqual({ ok: true, value: message });
    },
  );

  it.each(validServerMessages.map((m) => [m.type, m] as const))(
    "server %s survives encode → decode unchanged",
    (_type, message) => {
      expect(decodeServerMessage(encode(message))).toEqual({ ok: true, value: message });
    },
  );

  it("trims names on decode, so ' general ' and 'general' are one room", () => {
    const result = decodeClientMessage('{"type":"join","room":"  general  "}');
    expect(result).toEqual({ ok: true, value: { type: "join", room: "general" } });
  });

  it("lets a newer server add fields without breaking an older client", () => {
    const result = decodeServerMessage('{"type":"pong","t":1,"serverTime":2,"region":"eu"}');
    expect(result.ok).toBe(true);
  });
});

describe("decodeClientMessage rejects bad input with a typed error", () => {
  it.each(invalidClientFrames)("%s", (_name, frame, code) => {
    const result = decodeClientMessage(frame);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });

  it("echoes the request's ref in the error so the client can match it", () => {
    const result = decodeClientMessage('{"type":"join","room":"","ref":"r42"}');
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_message", ref: "r42" } });
  });

  it("does not echo a ref that is itself invalid (empty), so the error stays a valid message", () => {
    const result = decodeClientMessage('{"type":"join","room":"","ref":""}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.ref).toBeUndefined();
  });

  it("names the offending field in the message", () => {
    const result = decodeClientMessage('{"type":"send","room":"general","cid":"c","text":5}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/^send: text:/);
  });

  it("never throws, whatever the bytes", () => {
    const samples = [
      "\u0000",
      "\uD800",
      "}",
      "[".repeat(10_000),
      "1e999",
      '{"type":{"toString":1}}',
    ];
    for (const s of samples) expect(() => decodeClientMessage(s)).not.toThrow();
  });
});
