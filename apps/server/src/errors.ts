import type { CloseCode, ErrorCode } from "@duplex/protocol";

/**
 * The one error handlers throw. Without `close` it becomes an `error {code, message, ref}` reply and the
 * connection stays usable; with `close` the connection is closed with that code instead.
 */
export class DuplexError extends Error {
  override name = "DuplexError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly close?: CloseCode,
    /** With `rate_limited`: when the request may succeed. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
