import { once } from "node:events";
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { recordingWebSocket } from "../test/recordingWebSocket.js";
import { Transport } from "./transport.js";

const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
  now: () => Date.now(),
};

/** A TCP server that takes the upgrade request and never answers it: the socket stays connecting. */
async function silentServer() {
  const peers: Socket[] = [];
  const server = createServer((peer) => peers.push(peer));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    connected: () => once(server, "connection"),
    close: () => {
      for (const peer of peers) peer.destroy();
      server.close();
    },
  };
}

describe("Transport over Node's ws", () => {
  let closeServer = () => {};
  afterEach(() => closeServer());

  for (const how of ["close", "terminate"] as const) {
    it(`lets go of a socket still connecting (${how}) without an uncaught error`, async () => {
      const server = await silentServer();
      closeServer = server.close;
      const { WebSocket: Recorded, sockets } = recordingWebSocket();
      const closes: number[] = [];
      const transport = new Transport(Recorded, server.url, timers, {
        open: () => {},
        message: () => {},
        close: (code) => closes.push(code),
        frame: () => {},
      });
      const connected = server.connected();
      transport.open();
      await connected;
      const socket = sockets[0]!;
      expect(socket.readyState).toBe(WebSocket.CONNECTING);

      if (how === "close") transport.close(1000, "bye");
      else transport.terminate();
      // `ws` aborts the handshake, emits `error`, then `close`: reaching the close means the error was
      // heard. (Not `events.once`: it listens for `error` itself.)
      await new Promise((resolve) => socket.on("close", resolve));
      expect(transport.attached).toBe(false);
      expect(closes).toEqual([]);
    });
  }
});
