import { describe, expect, it } from "vitest";
import { EventStreamParser } from "./eventStream.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("EventStreamParser", () => {
  it("yields events split across chunks, with id and name, and skips comments", () => {
    const parser = new EventStreamParser();
    expect(parser.push(bytes(": duplex\n\nid: 1\nda"))).toEqual([]);
    expect(
      parser.push(bytes('ta: {"type":"pong"}\n\nevent: close\ndata: {"code":1001}\n\n')),
    ).toEqual([
      { event: "message", id: "1", data: '{"type":"pong"}' },
      { event: "close", id: undefined, data: '{"code":1001}' },
    ]);
  });

  it("joins multi-line data, accepts CRLF and a multi-byte character split between chunks", () => {
    const parser = new EventStreamParser();
    const all = bytes("data: a\r\ndata: 你好\r\n\r\n");
    const cut = all.length - 6; // inside the last character's UTF-8 bytes
    expect(parser.push(all.slice(0, cut))).toEqual([]);
    expect(parser.push(all.slice(cut))).toEqual([
      { event: "message", id: undefined, data: "a\n你好" },
    ]);
  });
});
