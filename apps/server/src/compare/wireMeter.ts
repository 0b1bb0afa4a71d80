import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { requestHeadBytes } from "../inspector/httpProbe.js";

/** Bytes of a response head as Node wrote it (status line, every header, blank line). */
function responseHeadBytes(res: ServerResponse): number {
  // `_header` is the exact head string Node put on the wire; stable since Node 0.x, though untyped.
  const head = (res as unknown as { _header?: string | null })._header;
  return typeof head === "string" ? Buffer.byteLength(head) : 0;
}

interface OpenResponse {
  socket: Socket;
  writtenAtStart: number;
  res: ServerResponse;
}

/**
 * Counts what a run's HTTP exchanges cost on the wire. Requests: the head as it arrived plus the
 * body bytes read. Responses: the raw socket's `bytesWritten` from the request's arrival to the
 * response's end, so heads, bodies and chunked framing all count (browsers do not pipeline, so
 * nothing else is written on that socket meanwhile). A WebSocket counts its whole raw socket.
 */
export class WireMeter {
  #bytesIn = 0;
  #bytesOut = 0;
  #headerBytes = 0;
  requests = 0;
  readonly #sockets = new WeakSet<Socket>();
  connections = 0;
  readonly #open = new Set<OpenResponse>();
  readonly #webSockets = new Set<Socket>();
  #webSocketBytes = { in: 0, out: 0 };

  #connection(socket: Socket): void {
    if (this.#sockets.has(socket)) return;
    this.#sockets.add(socket);
    this.connections += 1;
  }

  /** Starts counting one HTTP request and its response. */
  request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.#connection(socket);
    this.requests += 1;
    const head = requestHeadBytes(req);
    this.#bytesIn += head;
    this.#headerBytes += head;
    req.on("data", (chunk: Buffer) => (this.#bytesIn += chunk.length));
    const open: OpenResponse = { socket, writtenAtStart: socket.bytesWritten, res };
    this.#open.add(open);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.#open.delete(open);
      this.#bytesOut += socket.bytesWritten - open.writtenAtStart;
      this.#headerBytes += responseHeadBytes(res);
    };
    res.once("finish", finish);
    res.once("close", finish);
  }

  /** Counts a WebSocket's raw socket (the upgrade request was read from it; the 101 written to it). */
  webSocket(socket: Socket): void {
    this.#connection(socket);
    this.requests += 1;
    this.#webSockets.add(socket);
    socket.once("close", () => {
      this.#webSockets.delete(socket);
      this.#webSocketBytes.in += socket.bytesRead;
      this.#webSocketBytes.out += socket.bytesWritten;
    });
  }

  /** Handshake head bytes of a WebSocket (request head read, `101` head written). */
  handshakeHead(bytes: number): void {
    this.#headerBytes += bytes;
  }

  /** Bytes in and out so far, responses still streaming (SSE, a held poll) counted up to now. */
  totals(): { bytesIn: number; bytesOut: number; headerBytes: number } {
    let headerBytes = this.#headerBytes;
    let bytesIn = this.#bytesIn + this.#webSocketBytes.in;
    let bytesOut = this.#bytesOut + this.#webSocketBytes.out;
    for (const open of this.#open) {
      bytesOut += open.socket.bytesWritten - open.writtenAtStart;
      headerBytes += responseHeadBytes(open.res);
    }
    for (const socket of this.#webSockets) {
      bytesIn += socket.bytesRead;
      bytesOut += socket.bytesWritten;
    }
    return { bytesIn, bytesOut, headerBytes };
  }
}
