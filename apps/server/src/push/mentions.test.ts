import { describe, expect, it } from "vitest";
import { MAX_MENTIONS_PER_MESSAGE, mentionCandidates, nameKey, pickMentions } from "./mentions.js";

const ann = { id: "u_ann", name: "Ann" };
const annLee = { id: "u_annlee", name: "Ann Lee" };
const bob = { id: "u_bob", name: "Bob" };
const zoe = { id: "u_zoe", name: "Zoë" };
const known = new Map([ann, annLee, bob, zoe].map((u) => [nameKey(u.name), u]));

const mentioned = (text: string) => pickMentions(text, known).map((u) => u.name);

describe("mentions", () => {
  it("finds a name after @, case-insensitively", () => {
    expect(mentioned("hi @bob, look")).toEqual(["Bob"]);
    expect(mentioned("@BOB")).toEqual(["Bob"]);
  });

  it("prefers the longest known name, so names may contain spaces", () => {
    expect(mentioned("@Ann Lee said so")).toEqual(["Ann Lee"]);
    expect(mentioned("@Ann said so")).toEqual(["Ann"]);
  });

  it("requires a word boundary on both sides of the mention", () => {
    expect(mentioned("mail bob@bob.com")).toEqual([]);
    expect(mentioned("@Bobby")).toEqual([]);
    expect(mentioned("@Bob's idea")).toEqual(["Bob"]);
    expect(mentioned("(@bob)")).toEqual(["Bob"]);
  });

  it("names each user once per message, in order of first mention", () => {
    expect(mentioned("@bob @ann @Bob")).toEqual(["Bob", "Ann"]);
  });

  it("compares names by their key: any case, width or look-alike letter reaches the holder", () => {
    expect(mentioned("@zoë")).toEqual(["Zoë"]);
    expect(mentioned("@ZOË")).toEqual(["Zoë"]);
    expect(mentioned("@\u0412ob")).toEqual(["Bob"]); // Cyrillic В
    expect(mentioned("@ｂｏｂ")).toEqual(["Bob"]);
  });

  it("ignores unknown names and a bare @", () => {
    expect(mentioned("@nobody @ @")).toEqual([]);
  });

  it("looks at a bounded number of @ per message", () => {
    expect(mentionCandidates("@a ".repeat(100))).toHaveLength(MAX_MENTIONS_PER_MESSAGE);
  });
});
