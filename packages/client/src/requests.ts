import type { ErrorCode, ServerMessage, ServerMessageOf } from "@duplex/protocol";
import type { Timers } from "./types.js";

/** Why a request failed: a protocol `ErrorCode`, or a local `timeout` / `disconnected`. */
export type RequestErrorCode = ErrorCode | "timeout" | "disconnected";

/** A request answered with `error {ref}`, timed out, or lost with its socket. */
export class RequestError extends Error {
  override readonly name = "RequestError";
  constructor(
    readonly code: RequestErrorCode,
    message: string,
    /** With `rate_limited`: when to try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (reply: ServerMessage) => void;
  reject: (error: RequestError) => void;
  timer: unknown;
}

/** Requests in flight by `ref`: the reply or `error` carrying the same ref settles each one. */
export class PendingRequests {
  readonly #pending = new Map<string, Pending>();
  #next = 0;

  constructor(private readonly timers: Timers) {}

  /** A new ref, unique for this client's life. */
  nextRef(): string {
    this.#next += 1;
    return `r${this.#next}`;
  }

  wait(ref: string, timeoutMs: number): Promise<ServerMessage> {
    return new Promise<ServerMessage>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        this.#pending.delete(ref);
        reject(new RequestError("timeout", `no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(ref, { resolve, reject, timer });
    });
  }

  has(ref: string): boolean {
    return this.#pending.has(ref);
  }

  /** Settles the request `message.ref` answers; returns whether one was waiting. */
  settle(message: ServerMessage): boolean {
    const ref = "ref" in message ? message.ref : undefined;
    if (ref === undefined) return false;
    const pending = this.#pending.get(ref);
    if (pending === undefined) return false;
    this.#pending.delete(ref);
    this.timers.clearTimeout(pending.timer);
    if (message.type === "error") {
      pending.reject(toRequestError(message));
    } else {
      pending.resolve(message);
    }
    return true;
  }

  /** The socket closed: nothing in flight will be answered on it. */
  rejectAll(reason: string): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) {
      this.timers.clearTimeout(p.timer);
      p.reject(new RequestError("disconnected", reason));
    }
  }
}

export function toRequestError(message: ServerMessageOf<"error">): RequestError {
  return new RequestError(message.code, message.message, message.retryAfterMs);
}
