import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { CLOSE_REASONS, CloseCode, ECHO_PREFIX, LIMITS } from "@duplex/protocol";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { startHeartbeat, type HeartbeatPeer } from "../connection/heartbeat.js";
import { cutOffAfterGrace, dropSlowReader, isBehind } from "../connection/slowReader.js";
import { FRAME_LIMITS } from "../limits/frameLimits.js";
import { RateLimiter, limitsAnything, type RateLimits } from "../limits/rateLimiter.js";
import type { Logger } from "../logger.js";

/** The classic echo endpoint, on the Duplex server's port. */
export interface EchoServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Open echo sockets. */
  readonly size: number;
  /** Closes every echo socket with 1001 and waits until they are gone. */
  close(): Promise<void>;
}

/** The limits an echo socket lives under: the same numbers, and the same code, as `/ws`. */
export interface EchoOptions {
  log: Logger;
  /** Past this many bytes queued for the peer: close 1013 (0: no bound). */
  maxBufferedBytes: number;
  /** Frame rate per socket (the `/ws` frame bucket; echo has no persisting messages). */
  rate: RateLimits;
  /** ws-level ping interval; no pong by the next tick → terminated. */
  heartbeatMs: number;
  /** No message for this long → close 1000. */
  idleMs: number;
  now: () => number;
}

function asBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

/** How long shutdown waits for echo clients to answer the close handshake. */
const CLOSE_GRACE_MS = 1_000;

const IDLE_REASON = "idle";

/** One echo socket: what the shared listeners below need. */
class EchoPeer implements HeartbeatPeer {
  alive = true;
  readonly idle: NodeJS.Timeout;
  constructor(
    readonly ws: WebSocket,
    readonly limiter: RateLimiter | undefined,
    idleMs: number,
  ) {
    this.idle = setTimeout(() => ws.close(CloseCode.Normal, IDLE_REASON), idleMs);
  }
}

/**
 * The echo server of every WebSocket tutorial: any subprotocol (or none), text comes back as
 * `You sent: <text>`, binary comes back unchanged. It lives under `/ws`'s limits: frame size (1009),
 * frame rate (a refused frame gets no echo; persisting past the strikes closes 4429), the outbound
 * bound (1013) and the heartbeat; and it closes a socket that stays silent for `idleMs`.
 */
export function createEchoServer(options: EchoOptions): EchoServer {
  const { log, maxBufferedBytes, rate, now } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    ...FRAME_LIMITS,
    // Echo whatever subprotocol the client offers first, so any tutorial client is happy.
    handleProtocols: (protocols) => protocols.values().next().value ?? false,
  });
  const peers = new Map<WebSocket, EchoPeer>();
  const stopHeartbeat = startHeartbeat(
    { [Symbol.iterator]: () => peers.values() },
    options.heartbeatMs,
  );

  function reply(peer: EchoPeer, data: RawData, isBinary: boolean): void {
    const { ws } = peer;
    if (ws.readyState !== WebSocket.OPEN) return;
    peer.idle.refresh();
    if (peer.limiter !== undefined) {
      const decision = peer.limiter.check("echo", now());
      if (decision.action === "close") {
        ws.close(CloseCode.RateLimited, CLOSE_REASONS[4429]);
        cutOffAfterGrace(ws);
      }
      if (decision.action !== "allow") return;
    }
    const bytes = asBuffer(data);
    if (isBinary) ws.send(bytes, { binary: true });
    else ws.send(`${ECHO_PREFIX}${bytes.toString("utf8")}`);
    if (isBehind(ws, maxBufferedBytes)) {
      log.warn({ bufferedAmount: ws.bufferedAmount }, "slow echo reader");
      dropSlowReader(ws, () => ws.close(CloseCode.TryAgainLater, CLOSE_REASONS[1013]));
    }
  }

  wss.on("connection", (ws) => {
    // First: an unhandled 'error' (an oversize frame) would kill the process (ws#1777).
    ws.on("error", (err) => log.debug({ err: err.message }, "echo socket error"));
    const peer = new EchoPeer(
      ws,
      limitsAnything(rate) ? new RateLimiter(rate, now()) : undefined,
      options.idleMs,
    );
    peers.set(ws, peer);
    ws.on("pong", () => (peer.alive = true));
    ws.on("message", (data, isBinary) => reply(peer, data, isBinary));
    ws.on("close", () => {
      clearTimeout(peer.idle);
      peers.delete(ws);
    });
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    get size() {
      return peers.size;
    },
    async close() {
      stopHeartbeat();
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
