import { fileURLToPath } from "node:url";
import { launchTarget } from "../targets/targetProcess.js";
import type { Target } from "./target.js";

const ENTRY = fileURLToPath(new URL("../targets/rawWsServer.ts", import.meta.url));

/**
 * The raw `ws` broadcast server: the room comes from the URL, the payload is the bare text. It
 * listens with Duplex's accept queue (4,096), so a storm measures the servers, not the kernel.
 */
export const rawWsTarget: Target = rawWs("ws", {});

/**
 * The same server listening with Node's defaults (an accept queue of 511), as a bare
 * `new WebSocketServer({ port })` does: a storm larger than the queue overflows it, and the clients
 * the kernel turned away send their SYN again a second later. The big-room issue's harness measured
 * this server.
 */
export const rawWsDefaultTarget: Target = rawWs("ws-default", { WS_LISTEN_DEFAULTS: "1" });

function rawWs(name: "ws" | "ws-default", env: Readonly<Record<string, string>>): Target {
  return {
    name,
    start: (nodeArgs = []) =>
      launchTarget({ entry: ENTRY, readiness: "stdout", env: { PORT: "0", ...env }, nodeArgs }),
    connectPath: (room) => `/?room=${encodeURIComponent(room)}`,
    headers: {},
    ready: (client) => {
      client.ready();
      return Promise.resolve();
    },
    sendPayload: (_room, text) => text,
    maxSendRatePerClient: Number.POSITIVE_INFINITY,
  };
}
