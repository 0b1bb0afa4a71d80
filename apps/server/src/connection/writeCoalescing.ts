import type { Socket } from "node:net";
import type { PeerSocket } from "./PeerSocket.js";
import { AdaptiveFlush, BIG_FLUSH_SOCKETS } from "./adaptiveFlush.js";

/**
 * Bytes a held socket may gather before it is flushed early, so one busy tick cannot grow an
 * unbounded write. 64 KiB is a few hundred chat frames: one `writev` each way.
 */
export const MAX_HELD_BYTES = 64 * 1024;

let held: Socket[] = [];
let scheduled = false;
// Writes handed to the kernel (one `writev` per held socket): frames out / this = frames per write.
let socketFlushes = 0;

/** Socket flushes since the process started, every server in it (`duplex_socket_flushes_total`). */
export function socketFlushCount(): number {
  return socketFlushes;
}
// Whether the next tick's writes gather a little before they are flushed (big rooms, saturated).
const adaptive = new AdaptiveFlush();
// Inside a big room's broadcast on a server that is not saturated (see broadcastWrites).
let writingThrough = false;

function flushHeld(): void {
  scheduled = false;
  const sockets = held;
  held = [];
  const started = performance.now();
  for (const socket of sockets) {
    // A socket flushed early (and perhaps held again) is listed twice; it is written once here.
    if (socket.writableCorked > 0) socketFlushes += 1;
    // Our one cork, or none if the socket was flushed early; ws's own cork/uncork pairs are balanced.
    while (socket.writableCorked > 0) socket.uncork();
  }
  adaptive.flushed(sockets.length, started, performance.now());
}

/**
 * Coalesces the frames written to one socket within a tick into one `writev`: the first write of a
 * tick corks the socket, and one shared `setImmediate` uncorks every held socket after the current
 * I/O phase. A fan-out of M messages to R sockets then costs R writes instead of M × R (one
 * write per recipient per message was ~70 % of the server's busy time). After a flush to a big room
 * the next one gathers a little longer (adaptiveFlush.ts); inside a big room's broadcast below
 * saturation nothing is held (`broadcastWrites`). Order is kept: every frame still goes through the
 * socket's one stream, corked or not.
 */
export function holdWrites(socket: Socket): void {
  if (socket.writableCorked > 0) return;
  if (writingThrough) {
    socketFlushes += 1;
    return;
  }
  socket.cork();
  held.push(socket);
  if (!scheduled) {
    scheduled = true;
    const gatherMs = adaptive.gatherMs(performance.now());
    if (gatherMs > 0) setTimeout(flushHeld, gatherMs);
    else setImmediate(flushHeld);
  }
}

/**
 * Runs `deliver`, one broadcast's loop over `sockets` sockets. In a big room (≥ 1,000 sockets) on a
 * server that is not saturated, each socket's frame is written at once instead of held for the tick's
 * flush: the writes start with the loop instead of after it, so the first members hear the message a
 * loop's length sooner, and no socket pays for a cork and an uncork. A socket that holds frames
 * already this tick still gets the frame behind them (one stream, order kept). Saturated (the last
 * big write came back right after it: adaptiveFlush.ts), the frames are held and gathered as before,
 * and the loop itself counts as a big flush for that judgement.
 */
export function broadcastWrites(sockets: number, deliver: () => void): void {
  // Most broadcasts are small rooms': no clock read for them.
  if (sockets < BIG_FLUSH_SOCKETS) {
    deliver();
    return;
  }
  const started = performance.now();
  if (adaptive.gatherMs(started) > 0) {
    deliver();
    return;
  }
  const outer = writingThrough;
  writingThrough = true;
  try {
    deliver();
  } finally {
    writingThrough = outer;
    adaptive.flushed(sockets, started, performance.now());
  }
}

/** Flushes `socket` at once if it gathered more than {@link MAX_HELD_BYTES} this tick. */
export function releaseIfLarge(socket: Socket): void {
  if (socket.writableCorked > 0 && socket.writableLength > MAX_HELD_BYTES) {
    socketFlushes += 1;
    while (socket.writableCorked > 0) socket.uncork();
  }
}

/**
 * The TCP socket under a server-side `ws` socket. `_socket` is not in ws's public types, but it is
 * set for the socket's whole open life (ws's own `bufferedAmount` reads it); undefined for test fakes.
 */
export function tcpSocketOf(ws: PeerSocket): Socket | undefined {
  const socket = (ws as unknown as { _socket?: Socket | null })._socket;
  return socket ?? undefined;
}
