import type { IncomingMessage, Server } from "node:http";
import type { Socket } from "node:net";
import { addressKey } from "./addressKey.js";

/** Limits on raw TCP connections, before any HTTP is parsed. 0 turns a limit off. */
export interface TcpLimits {
  /** Open TCP connections per address (IPv4, or IPv6 /64), upgraded or not. @default 150 */
  maxPerIp: number;
  /** Time allowed to send a complete request head (slowloris). @default 10000 */
  headersTimeoutMs: number;
  /** Time allowed to send a complete request. @default 30000 */
  requestTimeoutMs: number;
}

export const DEFAULT_TCP_LIMITS: TcpLimits = {
  maxPerIp: 150,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};

/**
 * Counts every TCP connection per address the moment it is accepted, and destroys one over the cap
 * before a byte of it is parsed: half-open header connections (slowloris) hold a file descriptor
 * each, and the upgrade's own limits only see requests that completed their head. A connection whose
 * first request head is not complete within `headersTimeoutMs` is destroyed: Node's own
 * `headersTimeout` was seen not to fire for hundreds of idle heads at once (Node 20), so this does
 * not rely on it.
 */
export function gateTcp(server: Server, limits: TcpLimits): void {
  const open = new Map<string, number>();
  const heads = new WeakMap<Socket, NodeJS.Timeout>();
  const headDone = (req: IncomingMessage) => {
    clearTimeout(heads.get(req.socket));
    heads.delete(req.socket);
  };
  server.on("request", headDone);
  server.on("upgrade", headDone);
  server.on("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress ?? "unknown");
    const count = open.get(key) ?? 0;
    if (limits.maxPerIp > 0 && count >= limits.maxPerIp) {
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    if (limits.headersTimeoutMs > 0) {
      const timer = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
      timer.unref();
      heads.set(socket, timer);
    }
    socket.once("close", () => {
      clearTimeout(heads.get(socket));
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
