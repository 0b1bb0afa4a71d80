import { SSE_PATHS, SSE_TICKET_HEADER } from "@duplex/protocol";
import { EventStreamParser, type StreamEvent } from "./eventStream.js";
import type { WebSocketConstructor, WebSocketLike } from "./types.js";

/** What the SSE link needs of `fetch`: a streamed response body. Node 20 and browsers have it. */
export type StreamingFetch = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string | Uint8Array;
    signal?: AbortSignal;
    credentials?: "same-origin" | "include";
  },
) => Promise<{
  ok: boolean;
  status: number;
  headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }> } } | null;
}>;

/** Stream drops resumed with `Last-Event-ID` before the link is reported closed (1006). */
const MAX_REATTACH = 3;
const ABNORMAL = 1006;

/** `ws://host/ws` → `http://host` (the SSE endpoints sit beside `/ws`). */
export function httpBaseOf(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  return url.origin;
}

/**
 * The protocol over Server-Sent Events (server → client) and POSTs (client → server), shaped as a
 * WebSocket so the client's transport code uses it unchanged. The stream is read with `fetch`, which
 * can send the ticket as a header (an `EventSource` could only use the cookie). A dropped stream is
 * reattached with `Last-Event-ID`: the server replays what was missed and the session goes on.
 * Frames are posted one request at a time, so they arrive in order.
 */
export class SseSocket implements WebSocketLike {
  readyState = 0;
  protocol = "";
  onopen: WebSocketLike["onopen"] = null;
  onclose: WebSocketLike["onclose"] = null;
  onerror: WebSocketLike["onerror"] = null;
  onmessage: WebSocketLike["onmessage"] = null;
  readonly #base: string;
  readonly #fetch: StreamingFetch;
  readonly #abort = new AbortController();
  #link: { stream: string; ticket: string } | undefined;
  // Text frames (JSON) and binary frames (upload chunks), posted in this order.
  #queue: (string | Uint8Array)[] = [];
  #posting = false;
  #lastEventId = 0;

  constructor(url: string, protocols: string | string[] = [], fetchImpl?: StreamingFetch) {
    this.#base = httpBaseOf(url);
    const f = fetchImpl ?? (globalThis as { fetch?: StreamingFetch }).fetch;
    if (f === undefined) throw new TypeError("no global fetch: the SSE transport needs one");
    this.#fetch = (u, init) => f.call(globalThis, u, init);
    void this.#run(typeof protocols === "string" ? [protocols] : protocols);
  }

  get bufferedAmount(): number {
    return this.#queue.reduce(
      (n, frame) => n + (typeof frame === "string" ? frame.length : frame.byteLength),
      0,
    );
  }

  /** A string is a frame for `/sse/send`; bytes are an upload chunk frame for `/sse/upload`. */
  send(data: string | Uint8Array): void {
    if (this.readyState > 1) return;
    this.#queue.push(data);
    void this.#flush();
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState > 1) return;
    const link = this.#link;
    this.readyState = 2;
    this.#abort.abort();
    if (link !== undefined) {
      void this.#fetch(`${this.#base}${SSE_PATHS.close}?stream=${link.stream}`, {
        method: "POST",
        headers: { [SSE_TICKET_HEADER]: link.ticket },
      }).catch(() => undefined);
    }
    this.#closed(code, reason);
  }

  /** Drops the link without telling the server (its heartbeat ends it). */
  terminate(): void {
    if (this.readyState > 1) return;
    this.#abort.abort();
    this.#closed(ABNORMAL, "");
  }

  async #run(protocols: string[]): Promise<void> {
    try {
      const opened = await this.#fetch(`${this.#base}${SSE_PATHS.open}`, {
        method: "POST",
        // The open is the stream: it holds the link on whichever node it lands, so no affinity is
        // needed; a server that answers JSON instead is read the older way (open, then GET).
        headers: { "content-type": "application/json", accept: "text/event-stream" },
        body: JSON.stringify({ protocols }),
        signal: this.#abort.signal,
        credentials: "same-origin",
      });
      if (!opened.ok) return this.#closed(ABNORMAL, `open refused: ${opened.status}`);
      if ((opened.headers?.get("content-type") ?? "").includes("text/event-stream")) {
        await this.#consume(opened);
      } else {
        const link = (await opened.json()) as { stream: string; ticket: string; protocol: string };
        this.#linked(link);
      }
      for (let attempt = 0; attempt <= MAX_REATTACH && this.readyState <= 1; attempt += 1) {
        const progressed = await this.#read();
        if (progressed) attempt = 0;
      }
    } catch {
      // An aborted or failed request: reported below as the close it is.
    }
    this.#closed(ABNORMAL, "");
  }

  #linked(link: { stream: string; ticket: string; protocol: string }): void {
    this.#link = { stream: link.stream, ticket: link.ticket };
    this.protocol = link.protocol;
  }

  /** Reattaches the stream with `Last-Event-ID` and reads it until it ends; true if it delivered. */
  async #read(): Promise<boolean> {
    const link = this.#link;
    if (link === undefined) return false;
    const headers: Record<string, string> = {
      [SSE_TICKET_HEADER]: link.ticket,
      accept: "text/event-stream",
    };
    if (this.#lastEventId > 0) headers["last-event-id"] = String(this.#lastEventId);
    let res: Awaited<ReturnType<StreamingFetch>>;
    try {
      res = await this.#fetch(`${this.#base}${SSE_PATHS.stream}?stream=${link.stream}`, {
        method: "GET",
        headers,
        signal: this.#abort.signal,
      });
    } catch {
      return false;
    }
    if (!res.ok || res.body === null) {
      this.#closed(ABNORMAL, `stream refused: ${res.status}`);
      return false;
    }
    return this.#consume(res);
  }

  /** Reads one stream response until it ends; true if it delivered anything. */
  async #consume(res: Awaited<ReturnType<StreamingFetch>>): Promise<boolean> {
    if (res.body === null) return false;
    if (this.readyState === 0 && this.#link !== undefined) this.#opened();
    const reader = res.body.getReader();
    const parser = new EventStreamParser();
    let progressed = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.readyState > 1) break;
        for (const event of parser.push(value ?? new Uint8Array())) {
          progressed = true;
          this.#dispatch(event);
        }
      }
    } catch {
      // The stream dropped: the caller reattaches with Last-Event-ID.
    }
    return progressed;
  }

  #opened(): void {
    this.readyState = 1;
    this.onopen?.({});
    void this.#flush();
  }

  #dispatch(event: StreamEvent): void {
    if (this.readyState > 1) return;
    if (event.event === "link") {
      this.#linked(JSON.parse(event.data) as { stream: string; ticket: string; protocol: string });
      if (this.readyState === 0) this.#opened();
      return;
    }
    if (event.event === "close") {
      const { code, reason } = JSON.parse(event.data) as { code: number; reason: string };
      this.readyState = 2;
      this.#abort.abort();
      this.#closed(code, reason);
      return;
    }
    if (event.id !== undefined) this.#lastEventId = Number(event.id);
    this.onmessage?.({ data: event.data });
  }

  async #flush(): Promise<void> {
    const link = this.#link;
    if (this.#posting || link === undefined || this.readyState !== 1) return;
    this.#posting = true;
    try {
      while (this.#queue.length > 0 && this.readyState === 1) {
        const res = await this.#post(link, this.#takeBatch());
        // A lost POST may have delivered its frames: sends are idempotent by `cid`, uploads resume
        // at the server's offset, and the client resends what was not acked after it reconnects.
        if (!res.ok) return this.terminate();
      }
    } catch {
      this.terminate();
    } finally {
      this.#posting = false;
    }
  }

  /** The next request's body: one binary chunk alone, or up to 64 text frames in a row. */
  #takeBatch(): string | Uint8Array {
    const first = this.#queue[0];
    if (first !== undefined && typeof first !== "string") {
      this.#queue.shift();
      return first;
    }
    let n = 0;
    while (n < this.#queue.length && n < 64 && typeof this.#queue[n] === "string") n += 1;
    return this.#queue.splice(0, n).join("\n");
  }

  #post(link: { stream: string; ticket: string }, body: string | Uint8Array) {
    const binary = typeof body !== "string";
    const path = SSE_PATHS[binary ? "upload" : "send"];
    return this.#fetch(`${this.#base}${path}?stream=${link.stream}`, {
      method: "POST",
      headers: {
        "content-type": binary ? "application/octet-stream" : "text/plain",
        [SSE_TICKET_HEADER]: link.ticket,
      },
      body,
      signal: this.#abort.signal,
    });
  }

  #closed(code: number, reason: string): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#abort.abort();
    this.onclose?.({ code, reason, wasClean: code !== ABNORMAL });
  }
}

/** A WebSocket-shaped constructor for the SSE link, with an injected `fetch` if given. */
export function sseSocketConstructor(fetchImpl?: StreamingFetch): WebSocketConstructor {
  return class extends SseSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, fetchImpl);
    }
  };
}
