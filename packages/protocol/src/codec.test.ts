import { describe, expect, it } from "vitest";
import { decodeClientMessage, decodeServerMessage, encode } from "./codec.js";
import {
  invalidClientFrames,
  toleratedClientFrames,
  toleratedServerFrames,
  unknownServerFrames,
  validClientMessages,
  validServerMessages,
} from "./fixtures.js";
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

describe("tolerant reading: additions never cost a frame", () => {
  it.each(toleratedClientFrames)("[C1] client: %s", (_name, frame, value, ignored) => {
    expect(decodeClientMessage(frame)).toEqual({ ok: true, value, ignored });
  });

  it.each(toleratedServerFrames)("[C1] [C3] server: %s", (_name, frame, value, ignored) => {
    expect(decodeServerMessage(frame)).toEqual({ ok: true, value, ignored });
  });

  it.each(unknownServerFrames)("[C2] server: %s is reported as unknown_type", (_name, frame) => {
    const result = decodeServerMessage(frame);
    expect(result).toMatchObject({ ok: false, error: { code: "unknown_type" } });
  });

  it("[C1] never applies a __proto__ key to the decoded object", () => {
    const result = decodeClientMessage('{"type":"ping","t":1,"__proto__":{"admin":true}}');
    expect(result.ok && (result.value as { admin?: unknown }).admin).toBeFalsy();
    expect(({} as { admin?: unknown }).admin).toBeUndefined();
  });

  it("[C1] a known field with a wrong value is still an error, even beside an unknown one", () => {
    const result = decodeClientMessage('{"type":"join","room":5,"extra":1,"ref":"r1"}');
    expect(result).toMatchObject({ ok: false, error: { code: "invalid_message", ref: "r1" } });
  });

  it("reports nothing ignored for a frame of exactly this version", () => {
    const result = decodeServerMessage('{"type":"pong","t":1,"serverTime":2}');
    expect(result).toEqual({ ok: true, value: { type: "pong", t: 1, serverTime: 2 } });
  });
});
