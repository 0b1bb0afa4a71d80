import { ErrorCode, type ClientMessage, type ErrorCode as ErrorCodeType } from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import { DuplexError } from "../errors.js";

function refOf(msg: ClientMessage): string | undefined {
  return "ref" in msg ? msg.ref : undefined;
}

export function sendError(
  conn: Connection,
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
export function replyToFailure(conn: Connection, msg: ClientMessage, err: unknown): void {
  if (err instanceof DuplexError) {
    if (err.close !== undefined) conn.closeConnection(err.close);
    else sendError(conn, err.code, err.message, refOf(msg), err.retryAfterMs);
    return;
  }
  conn.log.error({ err, type: msg.type }, "handler failed");
  sendError(conn, ErrorCode.Internal, "internal server error", refOf(msg));
}
