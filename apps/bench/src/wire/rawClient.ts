import { connect, type Socket } from "node:net";
import {
  FrameParser,
  Opcode,
  maskedFrame,
  parseResponseHead,
  textFrame,
  upgradeRequest,
} from "@duplex/rawsocket";
import type { Deliveries } from "./deliveries.js";

/** Where and how to open one WebSocket by hand. */
export interface ConnectOptions {
  port: number;
  /** Request target, e.g. `/ws` or `/socket.io/?EIO=4&transport=websocket`. */
  path: string;
  /** Extra request headers, e.g. `Sec-WebSocket-Protocol`. */
  headers?: Readonly<Record<string, string>>;
  /** Counter that this client's data frames add to once it is ready. */
  deliveries: Deliveries;
  /** Give up on the TCP connect and the 101 after this long. @default 30000 */
  timeoutMs?: number;
  /** Source address (any of 127.0.0.0/8 on loopback). @default the kernel's choice (127.0.0.1) */
  localAddress?: string;
}

type Waiter = (text: string) => boolean;

// The key is fixed: the generator trusts its own loopback servers and skips checking the accept hash.
const KEY = "ZHVwbGV4LWJlbmNoLWtleQ==";

// Every socket reads into this one buffer (`onread`): no allocation and no 'data' event per read.
// Safe because each read is handled synchronously before the next; the parser copies what it keeps.
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/**
 * One WebSocket client made of a `net` socket, a hand-written HTTP upgrade and {@link FrameParser}.
 * During set-up it hands whole text payloads to waiters (hello/welcome/join); once `ready()` it only counts.
 */
export class RawClient {
  /** Called for tiny data frames (≤ 2 bytes) after set-up, e.g. Engine.IO pings. */
  onShortFrame: ((client: RawClient, payload: Buffer) => void) | undefined;
  closed = false;
  private readonly parser: FrameParser;
  private waiters: { test: Waiter; resolve: (text: string) => void; reject: (e: Error) => void }[] =
    [];
  private counting = false;
  // Set-up messages that arrived before anyone waited for them (e.g. in the same chunk as the 101).
  private unclaimed: string[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly deliveries: Deliveries,
  ) {
    this.parser = new FrameParser({
      onData: (_opcode, payload) => this.onData(payload),
      onControl: (opcode, payload) => this.onControl(opcode, payload),
    });
    this.parser.collect = true;
  }

  /** Connects, upgrades, and resolves once the server answered 101. */
  static open(options: ConnectOptions): Promise<RawClient> {
    const { port, path, headers = {}, deliveries, timeoutMs = 30_000, localAddress } = options;
    return new Promise((resolve, reject) => {
      let onBytes: (bytes: Buffer) => void = (bytes) => onHead(bytes);
      const socket = connect({
        host: "127.0.0.1",
        port,
        ...(localAddress !== undefined && { localAddress }),
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (length) => {
            onBytes(READ_BUFFER.subarray(0, length));
            return true;
          },
        },
      });
      const timer = setTimeout(() => fail(new Error("upgrade timed out")), timeoutMs);
      let head = Buffer.alloc(0);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      socket.on("error", fail);
      socket.on("connect", () => socket.write(upgradeRequest(port, path, KEY, headers)));
      const onHead = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const response = parseResponseHead(head);
        if (response === undefined) {
          if (head.length > 16_384) fail(new Error("oversized upgrade response"));
          return;
        }
        if (response.status !== 101) {
          const status = head.subarray(0, head.indexOf("\r\n")).toString("latin1");
          fail(new Error(`upgrade refused: ${status}`));
          return;
        }
        clearTimeout(timer);
        socket.off("error", fail);
        const client = new RawClient(socket, deliveries);
        onBytes = (bytes) => {
          deliveries.bytes += bytes.length;
          client.parser.push(bytes);
        };
        socket.on("error", () => client.onClose());
        socket.on("close", () => client.onClose());
        if (response.rest.length > 0) onBytes(response.rest);
        resolve(client);
      };
    });
  }

  /** Sends one text message as a masked frame. */
  send(text: string): void {
    if (!this.closed) this.socket.write(textFrame(text));
  }

  /** Resolves with the first text payload for which `test` returns true. */
  waitFor(test: Waiter, timeoutMs = 30_000): Promise<string> {
    const early = this.unclaimed.findIndex(test);
    if (early >= 0) {
      const [text] = this.unclaimed.splice(early, 1);
      return Promise.resolve(text ?? "");
    }
    if (this.closed) return Promise.reject(new Error("connection closed"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error("timed out waiting for a server message"));
      }, timeoutMs);
      const waiter = {
        test,
        resolve: (text: string) => {
          clearTimeout(timer);
          resolve(text);
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Set-up is over: from now on data frames are only counted (and sampled). */
  ready(): void {
    this.counting = true;
    this.parser.collect = false;
    this.unclaimed = [];
  }

  /** Sends a close frame and ends the socket. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.end(maskedFrame(Opcode.Close, Buffer.from([0x03, 0xe8])));
    this.socket.destroySoon();
  }

  /** Drops the TCP connection at once. */
  destroy(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(payload: Buffer | undefined): void {
    if (this.counting) {
      if (payload !== undefined && payload.length <= 2 && this.onShortFrame) {
        this.onShortFrame(this, payload);
        return;
      }
      this.deliveries.frame(payload);
      return;
    }
    if (payload === undefined) return;
    const text = payload.toString("utf8");
    for (const waiter of this.waiters) {
      if (waiter.test(text)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(text);
        return;
      }
    }
    if (this.unclaimed.length >= 32) this.unclaimed.shift();
    this.unclaimed.push(text);
  }

  private onControl(opcode: Opcode, payload: Buffer): void {
    // Answer heartbeats so no server drops an idle receiver mid-run (RFC 6455 §5.5.2).
    if (opcode === Opcode.Ping) this.socket.write(maskedFrame(Opcode.Pong, payload));
    else if (opcode === Opcode.Close) {
      this.socket.destroy();
      this.onClose();
    }
  }

  private onClose(): void {
    if (this.closed && this.waiters.length === 0) return;
    this.closed = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(new Error("connection closed"));
  }
}
