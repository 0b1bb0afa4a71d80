import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { variantOf, wireTextFor } from "./capVariants.js";
import { sendText } from "./preframedText.js";
import { tcpSocketOf } from "./writeCoalescing.js";

const servers: WebSocketServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real `ws` server socket and the client at the other end, collecting the texts it reads. */
async function pair(perMessageDeflate: boolean) {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate });
  servers.push(server);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const accepted = once(server, "connection") as Promise<[WebSocket]>;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  const texts: string[] = [];
  client.on("message", (data: Buffer, isBinary: boolean) => {
    if (!isBinary) texts.push(data.toString("utf8"));
  });
  await once(client, "open");
  const [peer] = await accepted;
  return { peer, texts };
}

// Every header form: 7-bit, 16-bit and 64-bit payload lengths, and multi-byte UTF-8.
const frames = ["x", "é".repeat(70), "好".repeat(30_000), "y".repeat(125), "z".repeat(126)].map(
  (text) => JSON.stringify({ type: "notice", text }),
);

describe("sendText", () => {
  for (const deflate of [false, true]) {
    it(`delivers every frame whole and in order (permessage-deflate ${deflate ? "on" : "off"})`, async () => {
      const { peer, texts } = await pair(deflate);
      const viaWs = vi.spyOn(peer, "send");
      for (const frame of frames) {
        sendText(peer, tcpSocketOf(peer), wireTextFor(frame, variantOf(new Set())));
        // A frame through ws's own path in between must keep its place.
        peer.send("between");
      }
      const expected = frames.flatMap((frame) => [frame, "between"]);
      await expect.poll(() => texts.length).toBe(expected.length);
      expect(texts).toEqual(expected);
      // Plain sockets get the prebuilt frame directly; compressed ones go through ws.
      expect(viaWs).toHaveBeenCalledTimes(deflate ? expected.length : frames.length);
    });
  }
});
