import { Capability } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { rewrite, variantOf, wireTextFor } from "./capVariants.js";

const reply = JSON.stringify({
  type: "message",
  room: "lobby",
  seq: 7,
  text: 'says "replyTo":{ in its text',
  from: { id: "u1", name: "Ann", guest: true },
  replyTo: { seq: 3, from: { id: "u2", name: "Bo" }, text: "hi" },
});

describe("wireTextFor", () => {
  it("gives each socket the frame as its capabilities read it", () => {
    const plain = wireTextFor(reply, variantOf(new Set()));
    const parsed = JSON.parse(plain.text) as Record<string, unknown>;
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.from).toEqual({ id: "u1", name: "Ann" });
    expect(parsed.text).toBe('says "replyTo":{ in its text');
    expect(plain.payload.toString("utf8")).toBe(plain.text);

    const full = variantOf(
      new Set([Capability.Accounts, Capability.Replies, Capability.Files, Capability.Threads]),
    );
    expect(wireTextFor(reply, full).text).toBe(reply);
  });

  it("computes a variant once per message, and shares bytes between variants that read alike", () => {
    const none = variantOf(new Set());
    const accounts = variantOf(new Set([Capability.Accounts]));
    expect(wireTextFor(reply, none)).toBe(wireTextFor(reply, none));
    expect(wireTextFor(reply, accounts)).not.toBe(wireTextFor(reply, none));

    const unmarked = JSON.stringify({ type: "message", room: "lobby", seq: 8, text: "plain" });
    expect(wireTextFor(unmarked, accounts)).toBe(wireTextFor(unmarked, none));
    expect(wireTextFor(unmarked, none).text).toBe(unmarked);
  });
});

describe("rewrite", () => {
  const message = {
    type: "message",
    room: "lobby",
    seq: 9,
    text: "hi",
    from: { id: "u1", name: "Ann" },
  };
  // One frame per marked capability, carrying that capability's mark and no other.
  const marked: Array<[Capability, string, (parsed: Record<string, unknown>) => unknown]> = [
    [
      Capability.Accounts,
      JSON.stringify({ ...message, from: { id: "u1", name: "Ann", guest: true } }),
      (parsed) => (parsed.from as Record<string, unknown>).guest,
    ],
    [
      Capability.Replies,
      JSON.stringify({
        ...message,
        replyTo: { seq: 3, from: { id: "u2", name: "Bo" }, text: "yo" },
      }),
      (parsed) => parsed.replyTo,
    ],
    [
      Capability.Files,
      JSON.stringify({
        ...message,
        attachment: { id: "f_1", name: "a.png", size: 3, type: "image/png" },
      }),
      (parsed) => parsed.attachment,
    ],
    [
      Capability.Threads,
      JSON.stringify({ ...message, thread: { root: "m_1", alsoToRoom: false } }),
      (parsed) => parsed.thread,
    ],
  ];

  it.each(marked)("takes out %s's mark only for a socket without it", (cap, frame, markOf) => {
    const without = JSON.parse(rewrite(frame, variantOf(new Set()))) as Record<string, unknown>;
    expect(markOf(without)).toBeUndefined();
    expect(without.text).toBe("hi");
    expect(rewrite(frame, variantOf(new Set([cap])))).toBe(frame);
  });

  it("hands a frame without marks back as it is, whatever the socket lacks", () => {
    const plain = JSON.stringify({ ...message, text: 'quotes "guest":false and "thread": text' });
    expect(rewrite(plain, variantOf(new Set()))).toBe(plain);
  });
});
