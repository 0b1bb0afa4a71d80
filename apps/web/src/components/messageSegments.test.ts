import { describe, expect, it } from "vitest";
import { messageSegments } from "./messageSegments.js";

describe("messageSegments", () => {
  it("leaves sentence punctuation and a closing parenthesis out of a link", () => {
    expect(messageSegments("(see https://a.example/x).")).toEqual([
      { kind: "text", text: "(see " },
      { kind: "link", text: "https://a.example/x", href: "https://a.example/x" },
      { kind: "text", text: ")." },
    ]);
  });

  it("never links other schemes, whatever their case", () => {
    for (const text of [
      "javascript:alert(1)",
      "JAVASCRIPT:alert(1)",
      "data:text/html,x",
      "ftp://x.y",
    ]) {
      expect(messageSegments(text)).toEqual([{ kind: "text", text }]);
    }
  });

  it("links HTTP in any case but only to an http(s) URL", () => {
    const [link] = messageSegments("HTTPS://EXAMPLE.COM");
    expect(link).toMatchObject({ kind: "link", href: "HTTPS://EXAMPLE.COM" });
  });

  it("matches our own name with spaces as one mention, and ignores e-mail-like @", () => {
    expect(messageSegments("hey @ann lee! mail@ann", "Ann Lee")).toEqual([
      { kind: "text", text: "hey " },
      { kind: "mention", text: "@ann lee", me: true },
      { kind: "text", text: "! mail@ann" },
    ]);
  });

  it("does not take a longer name for ours", () => {
    expect(messageSegments("@Bobby", "Bob")).toEqual([
      { kind: "mention", text: "@Bobby", me: false },
    ]);
  });
});
