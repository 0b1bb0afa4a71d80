import type { Timers, WebSocketConstructor, WebSocketLike } from "./types.js";

/** Which link carries the protocol. */
export type TransportKind = "websocket" | "sse";
/** `auto` tries WebSocket first and falls back to SSE + POST. */
export type TransportChoice = "auto" | TransportKind;

/** The constructor the client opens links with, and which kind the current link is. */
export interface LinkFactory {
  WebSocket: WebSocketConstructor;
  /** The kind of the last link opened; for `auto`, known once the first frame arrives. */
  current(): TransportKind | undefined;
  /** `auto` only: the real WebSocket to probe with while on SSE, and the switch once one worked. */
  upgrade?: { WebSocket: WebSocketConstructor; upgraded(): void };
}

export interface AutoOptions {
  WebSocket: WebSocketConstructor;
  Sse: WebSocketConstructor;
  timers: Timers;
  /** A WebSocket with no frame from the server this long is given up for SSE. */
  fallbackMs: number;
}

/** A link for `transport` (`auto`: see {@link autoLinks}). */
export function linkFactory(choice: TransportChoice, o: AutoOptions): LinkFactory {
  if (choice === "websocket") return { WebSocket: o.WebSocket, current: () => "websocket" };
  if (choice === "sse") return { WebSocket: o.Sse, current: () => "sse" };
  return autoLinks(o);
}

/**
 * WebSocket first; when its upgrade fails, or no frame arrives within `fallbackMs` (a proxy that
 * passes the upgrade but not the frames), the same link goes on over SSE + POST: frames the client
 * already wrote (its `hello`) are written again there, and the client sees one link. Once SSE has
 * carried a frame and WebSocket has not, later links go straight to SSE.
 */
export function autoLinks(o: AutoOptions): LinkFactory {
  let kind: TransportKind | undefined;
  let preferSse = false;

  class AutoSocket implements WebSocketLike {
    onopen: WebSocketLike["onopen"] = null;
    onclose: WebSocketLike["onclose"] = null;
    onerror: WebSocketLike["onerror"] = null;
    onmessage: WebSocketLike["onmessage"] = null;
    #inner: WebSocketLike;
    #innerKind: TransportKind;
    #opened = false;
    #heard = false;
    #wsOpened = false;
    // Written before the first frame arrived: replayed on SSE if WebSocket is given up.
    #written: (string | Uint8Array)[] = [];
    #timer: unknown;

    constructor(
      readonly url: string,
      readonly protocols?: string | string[],
    ) {
      this.#innerKind = preferSse ? "sse" : "websocket";
      this.#inner = this.#start(this.#innerKind);
      if (this.#innerKind === "websocket") {
        this.#timer = o.timers.setTimeout(() => this.#fallBack(), o.fallbackMs);
      }
    }

    get readyState(): number {
      return this.#inner.readyState;
    }
    get protocol(): string {
      return this.#inner.protocol;
    }
    get bufferedAmount(): number {
      return this.#inner.bufferedAmount;
    }

    /** Text frames, and binary ones (upload chunks: only ever after the first frame arrived). */
    send(data: string | Uint8Array): void {
      if (!this.#heard) this.#written.push(data);
      if (this.#inner.readyState === 1) this.#inner.send(data);
    }

    close(code?: number, reason?: string): void {
      o.timers.clearTimeout(this.#timer);
      this.#inner.close(code, reason);
    }

    terminate(): void {
      o.timers.clearTimeout(this.#timer);
      const inner = this.#inner as WebSocketLike & { terminate?: () => void };
      if (typeof inner.terminate === "function") inner.terminate();
      else inner.close();
    }

    #start(which: TransportKind): WebSocketLike {
      const Ctor = which === "sse" ? o.Sse : o.WebSocket;
      const inner = new Ctor(this.url, this.protocols);
      inner.onopen = () => {
        if (inner !== this.#inner) return;
        if (this.#innerKind === "websocket") this.#wsOpened = true;
        if (this.#opened) {
          for (const frame of this.#written) inner.send(frame);
          return;
        }
        this.#opened = true;
        this.onopen?.({});
      };
      inner.onmessage = (ev) => {
        if (inner !== this.#inner) return;
        if (!this.#heard) {
          this.#heard = true;
          this.#written = [];
          o.timers.clearTimeout(this.#timer);
          kind = this.#innerKind;
          if (kind === "sse") preferSse = true;
        }
        this.onmessage?.(ev);
      };
      inner.onerror = (ev) => {
        if (inner === this.#inner) this.onerror?.(ev);
      };
      inner.onclose = (ev) => {
        if (inner !== this.#inner) return;
        // A refused or cut upgrade falls back; a close the server chose (4401, 1013…) is its answer.
        const cut = !this.#wsOpened || ev.code === 1006;
        if (this.#innerKind === "websocket" && !this.#heard && cut) return this.#fallBack();
        o.timers.clearTimeout(this.#timer);
        this.onclose?.(ev);
      };
      return inner;
    }

    #fallBack(): void {
      if (this.#heard || this.#innerKind === "sse") return;
      o.timers.clearTimeout(this.#timer);
      const old = this.#inner;
      this.#innerKind = "sse";
      this.#inner = this.#start("sse");
      old.onopen = old.onmessage = old.onclose = null;
      // `ws` emits an error when a connecting socket is closed; unheard, it would throw.
      old.onerror = () => undefined;
      if (old.readyState <= 1) old.close(1000, "falling back to SSE");
    }
  }

  const upgrade = {
    WebSocket: o.WebSocket,
    // A probe's WebSocket took over the connection: it is the link now, and the next one tries it first.
    upgraded: () => {
      kind = "websocket";
      preferSse = false;
    },
  };
  return { WebSocket: AutoSocket, current: () => kind, upgrade };
}
