import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CLOSE_REASONS, CloseCode, ECHO_PREFIX, LIMITS } from "@duplex/protocol";
import { WebSocketServer, type RawData } from "ws";
import type { Logger } from "../logger.js";

/** The classic echo endpoint, on the Duplex server's port. */
export interface EchoServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Closes every echo socket with 1001 and waits until they are gone. */
  close(): Promise<void>;
}

function asBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** How long shutdown waits for echo clients to answer the close handshake. */
const CLOSE_GRACE_MS = 1_000;

/**
 * The echo server of every WebSocket tutorial: any subprotocol (or none), text comes back as
 * `You sent: <text>`, binary comes back unchanged. Same frame limit as `/ws` (1009 above it).
 */
export function createEchoServer(log: Logger): EchoServer {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    // Echo whatever subprotocol the client offers first, so any tutorial client is happy.
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });

  wss.on("connection", (ws) => {
    // First: an unhandled 'error' (an oversize frame) would kill the process (ws#1777).
    ws.on("error", (err) => log.debug({ err: err.message }, "echo socket error"));
    ws.on("message", (data, isBinary) => {
      const bytes = asBuffer(data);
      if (isBinary) ws.send(bytes, { binary: true });
      else ws.send(`${ECHO_PREFIX}${bytes.toString("utf8")}`);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close() {
      const clients = [...wss.clients];
      for (const ws of clients) ws.close(CloseCode.GoingAway, CLOSE_REASONS[CloseCode.GoingAway]);
      const timer = setTimeout(() => {
        for (const ws of clients) ws.terminate();
      }, CLOSE_GRACE_MS);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(timer);
    },
  };
}
