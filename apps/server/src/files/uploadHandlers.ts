import { ErrorCode, type ClientMessageOf } from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";

/** `upload_start`: a new upload, or the resumption of one at the server's stored offset. */
export function handleUploadStart(
  _ctx: ServerContext,
  _conn: Connection,
  _msg: ClientMessageOf<"upload_start">,
): Promise<void> {
  return Promise.reject(new DuplexError(ErrorCode.UnsupportedData, "uploads are not enabled"));
}

export function handleUploadFinish(
  _ctx: ServerContext,
  _conn: Connection,
  _msg: ClientMessageOf<"upload_finish">,
): Promise<void> {
  return Promise.reject(new DuplexError(ErrorCode.UnsupportedData, "uploads are not enabled"));
}

export function handleUploadCancel(
  _ctx: ServerContext,
  _conn: Connection,
  _msg: ClientMessageOf<"upload_cancel">,
): Promise<void> {
  return Promise.resolve();
}
