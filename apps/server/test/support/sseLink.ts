import { EventEmitter } from "node:events";
import { SseSocket } from "@duplex/client";

/**
 * The client's SSE + POST link with the `ws` socket's event API, so the protocol test client drives
 * either transport through one code path.
 */
export class SseLink extends EventEmitter {
  readonly inner: SseSocket;

  constructor(url: string, protocols: string[]) {
    super();
    this.inner = new SseSocket(url, protocols);
    this.inner.onopen = () => this.emit("open");
    this.inner.onmessage = (ev) => this.emit("message", Buffer.from(String(ev.data)), false);
    this.inner.onclose = (ev) => {
      if (ev.code === 1006 && !this.opened) this.emit("error", new Error(ev.reason));
      this.emit("close", ev.code, Buffer.from(ev.reason));
    };
  }

  get opened(): boolean {
    return this.inner.protocol !== "";
  }

  get readyState(): number {
    return this.inner.readyState;
  }

  /** A binary frame (an upload chunk) goes as bytes, to the upload endpoint. */
  send(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.inner.send(options.binary === true && typeof data !== "string" ? data : String(data));
  }

  close(code?: number, reason?: string): void {
    this.inner.close(code, reason);
  }

  terminate(): void {
    this.inner.terminate();
  }
}
