import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { limitsWith } from "./support/limits.js";

// More than Node's default accept queue (511), from several addresses so no per-address cap applies.
const CLIENTS = 1_200;
const ADDRESSES = 12;
const BUSY_MS = 300;

/** How many handshakes wait for the server on `port`: `rx_queue` of its LISTEN row in /proc/net/tcp*. */
function acceptQueue(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state, queues] = line.trim().split(/\s+/);
      if (state !== "0A" || !local?.endsWith(`:${hexPort}`)) continue;
      return parseInt(queues?.split(":")[1] ?? "0", 16);
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

describe("listen backlog", () => {
  it("a reconnect storm of 1,200 clients while the server's loop is busy: every one is taken in on its first SYN", async () => {
    using db = tempDb();
    await using server = await startTestServer({
      dbPath: db.path,
      limits: limitsWith({ tcp: { maxPerIp: 0 } }),
    });
    const started = performance.now();
    const connectedAt: number[] = [];
    const sockets: Socket[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const socket = connect({
        host: "127.0.0.1",
        port: server.port,
        localAddress: `127.0.7.${(i % ADDRESSES) + 1}`,
      });
      socket.on("error", () => {});
      socket.once("connect", () => connectedAt.push(performance.now() - started));
      sockets.push(socket);
    }
    // The server shares this process: while the loop is held, the kernel queues what it cannot hand
    // over (a deploy's storm arriving while the server works on the joins it already has).
    await new Promise((resolve) => setImmediate(resolve));
    const until = performance.now() + BUSY_MS;
    while (performance.now() < until) {
      // busy, as a loop working through joins is
    }
    // Still busy: nothing was accepted yet, so the queue shows every handshake the kernel kept. One it
    // could not keep was dropped, and its client waits out a SYN retry (1 s, then 3 s…).
    const queued = acceptQueue(server.port);
    try {
      await expect.poll(() => connectedAt.length, { timeout: 10_000, interval: 20 }).toBe(CLIENTS);
      console.info(
        `backlog: ${CLIENTS} connects during a ${BUSY_MS} ms busy loop; accept queue ${queued}; ` +
          `last connected after ${Math.round(Math.max(...connectedAt))} ms`,
      );
      // The kernel caps every backlog at somaxconn (4,096 on current Linux; 128 before 5.4).
      const somaxconn = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
      expect(queued).toBe(Math.min(CLIENTS, somaxconn + 1));
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 30_000);
});
