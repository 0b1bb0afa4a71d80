import { ErrorCode, type ClientMessage, type ErrorCode as ErrorCodeType } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import { DuplexError } from "../errors.js";
import { StoreUnavailableError } from "../store/storeErrors.js";

/** When a client retries a write the store could not take (a transient error, resent by the outbox). */
export const STORE_RETRY_AFTER_MS = 1_000;

function refOf(msg: ClientMessage): string | undefined {
  return "ref" in msg ? msg.ref : undefined;
}

export function sendError(
  conn: Peer,
  code: ErrorCodeType,
  message: string,
  ref?: string,
  retryAfterMs?: number,
): void {
  conn.send({
    type: "error",
    code,
    message,
    ...(retryAfterMs !== undefined && { retryAfterMs }),
    ...(ref !== undefined && { ref }),
  });
}

/** What a handler's failure becomes: a DuplexError its reply or close, anything else `internal`. */
export function replyToFailure(conn: Peer, msg: ClientMessage, err: unknown): void {
  if (err instanceof DuplexError) {
    if (err.close !== undefined) conn.closeConnection(err.close);
    else sendError(conn, err.code, err.message, refOf(msg), err.retryAfterMs);
    return;
  }
  if (err instanceof StoreUnavailableError) {
    // Nothing was stored and nothing acked: the client's outbox keeps the message and retries.
    conn.log.warn({ err: err.message, type: msg.type }, "store unavailable");
    conn.send({
      type: "error",
      code: ErrorCode.Internal,
      message: err.message,
      retryAfterMs: STORE_RETRY_AFTER_MS,
      ...(refOf(msg) !== undefined && { ref: refOf(msg) }),
    });
    return;
  }
  conn.log.error({ err, type: msg.type }, "handler failed");
  sendError(conn, ErrorCode.Internal, "internal server error", refOf(msg));
}
