import type { ServerResponse } from "node:http";
import {
  COMPARE_LIMITS,
  type CompareMode,
  type CompareReport,
  type DeflateFrame,
} from "@duplex/protocol";
import { quantile } from "./quantile.js";
import { WireMeter } from "./wireMeter.js";

interface Queued {
  text: string;
  at: number;
}

interface HeldPoll {
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** Who opened a run: its limits are charged to both. */
export interface RunOwner {
  userId: string;
  address: string;
}

/**
 * One comparison run: counts what arrives, echoes it back over the run's downlink (an SSE stream,
 * or a queue that polls drain; WebSocket modes echo on their socket), and reports the counts.
 */
export class CompareRun {
  readonly meter = new WireMeter();
  messagesIn = 0;
  messagesOut = 0;
  readonly frames: DeflateFrame[] = [];
  readonly #waits: number[] = [];
  readonly #queue: Queued[] = [];
  #stream: ServerResponse | undefined;
  #poll: HeldPoll | undefined;
  #closed = false;
  readonly #onClose = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly mode: CompareMode,
    readonly owner: RunOwner,
    readonly now: () => number,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  /** Counts one message from the client; false (and not counted) past the run's caps. */
  accept(text: string): boolean {
    if (this.#closed || this.messagesIn >= COMPARE_LIMITS.maxMessages) return false;
    if (Buffer.byteLength(text) > COMPARE_LIMITS.maxMessageBytes) return false;
    this.messagesIn += 1;
    return true;
  }

  /** Counts one echo written at once on a socket (the WebSocket modes). */
  sentNow(): void {
    this.messagesOut += 1;
    this.#waits.push(0);
  }

  /** Echoes `text` over the HTTP downlink: the stream if open, else the queue a poll drains. */
  echo(text: string): void {
    this.#queue.push({ text, at: this.now() });
    this.#flush();
  }

  /** The SSE downlink; queued echoes go at once. */
  attachStream(res: ServerResponse): void {
    this.#stream?.end();
    this.#stream = res;
    res.once("close", () => {
      if (this.#stream === res) this.#stream = undefined;
    });
    this.#flush();
  }

  /** A poll: answered now with what is queued, or (long poll, nothing queued) held until an echo. */
  poll(res: ServerResponse, hold: boolean): void {
    if (this.#poll) this.#answerPoll([]);
    if (this.#queue.length > 0 || !hold || this.#closed) {
      this.#answerPollWith(res, this.#drain());
      return;
    }
    const timer = setTimeout(() => this.#answerPoll([]), COMPARE_LIMITS.longPollMs);
    this.#poll = { res, timer };
    res.once("close", () => {
      if (this.#poll?.res === res) {
        clearTimeout(timer);
        this.#poll = undefined;
      }
    });
  }

  #flush(): void {
    if (this.#stream) {
      for (const { text } of this.#drain()) {
        this.#stream.write(`data: ${text.replace(/\r?\n/g, "\ndata: ")}\n\n`);
      }
    } else if (this.#poll && this.#queue.length > 0) {
      this.#answerPoll(this.#drain());
    }
  }

  #drain(): Queued[] {
    const now = this.now();
    const out = this.#queue.splice(0);
    for (const q of out) this.#waits.push(now - q.at);
    this.messagesOut += out.length;
    return out;
  }

  #answerPoll(items: Queued[]): void {
    const held = this.#poll;
    if (!held) return;
    this.#poll = undefined;
    clearTimeout(held.timer);
    this.#answerPollWith(held.res, items);
  }

  #answerPollWith(res: ServerResponse, items: Queued[]): void {
    const body = JSON.stringify(items.map((q) => q.text));
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
      "cache-control": "no-store",
    });
    res.end(body);
  }

  /** Called once when the run ends (a socket to close, a registry entry to drop). */
  onClose(fn: () => void): void {
    this.#onClose.add(fn);
  }

  /** Ends the run: the stream and a held poll are answered, sockets closed. Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#answerPoll([]);
    this.#stream?.end();
    this.#stream = undefined;
    for (const fn of this.#onClose) fn();
    this.#onClose.clear();
  }

  report(): CompareReport {
    const { bytesIn, bytesOut, headerBytes } = this.meter.totals();
    return {
      id: this.id,
      mode: this.mode,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      bytesIn,
      bytesOut,
      headerBytes,
      requests: this.meter.requests,
      connections: this.meter.connections,
      serverWaitMedianMs: quantile(this.#waits, 0.5),
      serverWaitP99Ms: quantile(this.#waits, 0.99),
      frames: this.frames,
    };
  }
}
