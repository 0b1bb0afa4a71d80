import { Capability } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { variantOf, wireTextFor } from "./capVariants.js";

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
