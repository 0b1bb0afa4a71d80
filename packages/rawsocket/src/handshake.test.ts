import { describe, expect, it } from "vitest";
import { expectedAccept, parseResponseHead, upgradeRequest } from "./handshake.js";

describe("handshake", () => {
  it("computes the Sec-WebSocket-Accept of RFC 6455 §1.3's example", () => {
    expect(expectedAccept("dGhlIHNhbXBsZSBub25jZQ==")).toBe("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  });

  it("replaces a default header in place and removes one given as undefined", () => {
    const request = upgradeRequest(80, "/ws", "k", {
      "Sec-WebSocket-Version": "12",
      "Sec-WebSocket-Key": undefined,
      Origin: "http://x",
    });
    expect(request).toBe(
      "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:80\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        "Sec-WebSocket-Version: 12\r\nOrigin: http://x\r\n\r\n",
    );
  });

  it("parses the response head once its blank line is in, keeping the bytes after it", () => {
    const head =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSec-WebSocket-Accept: a\r\n";
    expect(parseResponseHead(Buffer.from(head))).toBeUndefined();
    const parsed = parseResponseHead(
      Buffer.concat([Buffer.from(`${head}\r\n`), Buffer.from([0x81, 0x00])]),
    );
    expect(parsed?.status).toBe(101);
    expect(parsed?.headers["sec-websocket-accept"]).toBe("a");
    expect([...(parsed?.rest ?? [])]).toEqual([0x81, 0x00]);
  });
});
