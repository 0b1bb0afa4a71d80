import { createHash, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import { SUBPROTOCOL } from "@duplex/protocol";
import {
  FrameReader,
  Op,
  closePayload,
  encodeFrame,
  type FrameSpec,
  type ServerFrame,
} from "./frames.js";

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** Pause after a 429 before the next handshake (the default limit refills 10 per second). */
const HANDSHAKE_RETRY_MS = 150;

export interface HandshakeResult {
  status: number;
  headers: Record<string, string>;
  /** Bytes after the response head (frames the server already sent). */
  rest: Buffer;
}

/** The close the server sent (or 1006 when the TCP connection ended without one). */
export interface ServerClose {
  code: number;
  reason: Buffer;
}

function readResponseHead(socket: Socket): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end === -1) return;
      socket.off("data", onData);
      socket.off("error", reject);
      const [statusLine = "", ...lines] = buffer.subarray(0, end).toString("latin1").split("\r\n");
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0)
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(" ")[1]),
        headers,
        rest: buffer.subarray(end + 4),
      });
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

/** Sends an HTTP upgrade request written by hand; `headers` replace or remove (undefined) defaults. */
export async function rawHandshake(
  port: number,
  headers: Record<string, string | undefined> = {},
): Promise<{ socket: Socket; key: string; response: HandshakeResult }> {
  const socket = connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const key = randomBytes(16).toString("base64");
  const all: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Key": key,
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Protocol": SUBPROTOCOL,
    ...headers,
  };
  const lines = Object.entries(all).flatMap(([k, v]) => (v === undefined ? [] : [`${k}: ${v}`]));
  const response = readResponseHead(socket);
  socket.write(`GET /ws HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
  return { socket, key, response: await response };
}

/** The `Sec-WebSocket-Accept` a server must answer for `key` (§4.2.2). */
export function expectedAccept(key: string): string {
  return createHash("sha1")
    .update(key + WS_GUID)
    .digest("base64");
}

/**
 * A WebSocket client over a raw TCP socket: frames built by hand, so it can send what no library
 * would (bad opcodes, unmasked frames, broken UTF-8). Collects every server frame.
 */
export class RawClient {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<ServerClose>;
  readonly #reader = new FrameReader();
  readonly #waiters = new Set<() => void>();

  private constructor(
    readonly socket: Socket,
    rest: Buffer,
  ) {
    let close: ServerClose | undefined;
    this.closed = new Promise((resolve) => {
      socket.on("close", () => resolve(close ?? { code: 1006, reason: Buffer.alloc(0) }));
    });
    const onFrames = (frames: ServerFrame[]) => {
      for (const frame of frames) {
        this.frames.push(frame);
        if (frame.opcode === Op.Close && close === undefined) {
          const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          close = { code, reason: frame.payload.subarray(2) };
          // Complete the closing handshake (§5.5.1), then let the server close TCP (§7.1.1).
          this.send({ opcode: Op.Close, payload: frame.payload.subarray(0, 2) });
        }
      }
      for (const wake of this.#waiters) wake();
    };
    socket.on("data", (chunk: Buffer) => onFrames(this.#reader.push(chunk)));
    socket.on("error", () => {}); // a reset after the server's close is expected; `closed` reports it
    onFrames(this.#reader.push(rest));
  }

  /**
   * Opens `/ws` with the subprotocol and checks the 101 answer (status, Accept, protocol). A 429
   * (the server's per-address handshake limit) is retried with a pause, a bounded number of times.
   */
  static async open(port: number, retries = 50): Promise<RawClient> {
    const { socket, key, response } = await rawHandshake(port);
    if (response.status === 429 && retries > 0) {
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, HANDSHAKE_RETRY_MS));
      return RawClient.open(port, retries - 1);
    }
    if (response.status !== 101) throw new Error(`handshake answered ${response.status}`);
    if (response.headers["sec-websocket-accept"] !== expectedAccept(key)) {
      throw new Error("wrong Sec-WebSocket-Accept");
    }
    if (response.headers["sec-websocket-protocol"] !== SUBPROTOCOL)
      throw new Error("no subprotocol");
    return new RawClient(socket, response.rest);
  }

  send(...specs: FrameSpec[]): void {
    if (this.socket.writable) this.socket.write(Buffer.concat(specs.map(encodeFrame)));
  }

  sendText(text: string): void {
    this.send({ opcode: Op.Text, payload: text });
  }

  sendClose(code: number, reason: Buffer | string = ""): void {
    this.send({ opcode: Op.Close, payload: closePayload(code, reason) });
  }

  /** Waits for a server frame matching `match` (already received or arriving within `timeoutMs`). */
  waitForFrame(match: (f: ServerFrame) => boolean, timeoutMs = 5_000): Promise<ServerFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(match);
        if (!found) return false;
        this.#waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(
          new Error(
            `no matching frame in ${timeoutMs} ms; got opcodes ${this.frames.map((f) => f.opcode).join(",")}`,
          ),
        );
      }, timeoutMs);
      if (!check()) this.#waiters.add(wake);
    });
  }

  /** Waits for a text frame whose JSON has this `type`. */
  waitForMessage(type: string, timeoutMs?: number): Promise<ServerFrame> {
    return this.waitForFrame(
      (f) => f.opcode === Op.Text && f.payload.toString("utf8").includes(`"type":"${type}"`),
      timeoutMs,
    );
  }

  destroy(): void {
    this.socket.destroy();
  }
}
