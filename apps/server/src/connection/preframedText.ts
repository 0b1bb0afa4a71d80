import type { Socket } from "node:net";
import type { PeerSocket } from "./PeerSocket.js";
import type { WireText } from "./capVariants.js";
import { frameHeaderLength, writeTextFrameHeader } from "./frameHeader.js";

// A Buffer is sent as a binary frame unless told otherwise; every Duplex frame is JSON text.
const TEXT_FRAME = { binary: false } as const;

/** The parts of a server-side `ws` socket that tell whether it may be written to directly. */
interface WsInternals {
  _extensions?: Record<string, unknown>;
  _sender?: { _state?: number; _queue?: unknown[] };
}

/** An unmasked, final, uncompressed WebSocket text frame (RFC 6455 §5.2) carrying `payload`. */
export function textFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = frameHeaderLength(length);
  const frame = Buffer.allocUnsafe(headerLength + length);
  writeTextFrameHeader(frame, length);
  payload.copy(frame, headerLength);
  return frame;
}

/**
 * Whether `ws` would put `textFrame(payload)` on the wire as is, now: no permessage-deflate (a
 * compressed frame differs per socket) and its sender idle (nothing of its own queued, which the
 * direct write would overtake). `ws` writes an idle sender's frames to the socket synchronously.
 */
function writesThrough(ws: PeerSocket): boolean {
  const internals = ws as unknown as WsInternals;
  const sender = internals._sender;
  if (sender === undefined || sender._state !== 0) return false;
  if (sender._queue !== undefined && sender._queue.length > 0) return false;
  return internals._extensions?.["permessage-deflate"] === undefined;
}

/**
 * Sends one text frame. On a plain `ws` socket the frame is built once per message and variant and
 * the same Buffer is written to every recipient's TCP socket (one write instead of ws's header and
 * payload writes, and no framing per recipient: a 10,000-socket fan-out's largest cost after the
 * syscalls). Anything else (SSE, compression, a busy sender) goes through `ws.send`.
 */
export function sendText(ws: PeerSocket, socket: Socket | undefined, wire: WireText): void {
  if (socket !== undefined && writesThrough(ws)) {
    wire.frame ??= textFrame(wire.payload);
    socket.write(wire.frame);
    return;
  }
  ws.send(wire.payload, TEXT_FRAME);
}
