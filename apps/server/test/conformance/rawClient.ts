import type { Socket } from "node:net";
import { SUBPROTOCOL } from "@duplex/protocol";
import {
  FrameReader,
  Opcode,
  closePayload,
  encodeFrame,
  expectedAccept,
  rawHandshake as kitHandshake,
  type FrameSpec,
  type HandshakeResult,
  type ReadFrame,
} from "@duplex/rawsocket";

/** Pause after a 429 before the next handshake (the default limit refills 10 per second). */
const HANDSHAKE_RETRY_MS = 150;

/** The close the server sent (or 1006 when the TCP connection ended without one). */
export interface ServerClose {
  code: number;
  reason: Buffer;
}

/** Upgrades `/ws` with the subprotocol; `headers` replace or remove (undefined) the defaults. */
export function rawHandshake(
  port: number,
  headers: Record<string, string | undefined> = {},
): Promise<{ socket: Socket; key: string; response: HandshakeResult }> {
  return kitHandshake({
    port,
    path: "/ws",
    headers: { "Sec-WebSocket-Protocol": SUBPROTOCOL, ...headers },
  });
}

/**
 * A WebSocket client over a raw TCP socket: frames built by hand, so it can send what no library
 * would (bad opcodes, unmasked frames, broken UTF-8). Collects every server frame.
 */
export class RawClient {
  readonly frames: ReadFrame[] = [];
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
    const onFrames = (frames: ReadFrame[]) => {
      for (const frame of frames) {
        this.frames.push(frame);
        if (frame.opcode === Opcode.Close && close === undefined) {
          const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
          close = { code, reason: frame.payload.subarray(2) };
          // Complete the closing handshake (§5.5.1), then let the server close TCP (§7.1.1).
          this.send({ opcode: Opcode.Close, payload: frame.payload.subarray(0, 2) });
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
    this.send({ opcode: Opcode.Text, payload: text });
  }

  sendClose(code: number, reason: Buffer | string = ""): void {
    this.send({ opcode: Opcode.Close, payload: closePayload(code, reason) });
  }

  /** Waits for a server frame matching `match` (already received or arriving within `timeoutMs`). */
  waitForFrame(match: (f: ReadFrame) => boolean, timeoutMs = 5_000): Promise<ReadFrame> {
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
  waitForMessage(type: string, timeoutMs?: number): Promise<ReadFrame> {
    return this.waitForFrame(
      (f) => f.opcode === Opcode.Text && f.payload.toString("utf8").includes(`"type":"${type}"`),
      timeoutMs,
    );
  }

  destroy(): void {
    this.socket.destroy();
  }
}
