// HTTP paths as plain constants, apart from the zod schemas that describe their bodies, so a client
// can name a path without loading zod.

/** HTTP path of the generated AsyncAPI 3 document (the machine-readable contract). */
export const ASYNCAPI_PATH = "/asyncapi.json";

/** HTTP path a client asks which protocol versions the server speaks (see `ProtocolInfo`). */
export const PROTOCOL_INFO_PATH = "/api/protocol";

/**
 * HTTP route where the inspector measures a plain request: `GET` answers `{requestBytes, headerCount}`,
 * the size of the request head the server received.
 */
export const INSPECT_HTTP_PATH = "/api/inspect/http";

/**
 * The fallback transport when WebSocket is blocked: `POST` here opens a link (answers `{stream,
 * ticket, protocol}`), `GET` {@link SSE_STREAM_PATH} reads it as Server-Sent Events, `POST`
 * {@link SSE_SEND_PATH} carries client frames (one per line), `POST` {@link SSE_CLOSE_PATH} ends it.
 * An open with `accept: text/event-stream` is itself the stream (first event `link`).
 */
export const SSE_PATH = "/sse";
export const SSE_STREAM_PATH = "/sse/stream";
export const SSE_SEND_PATH = "/sse/send";
export const SSE_CLOSE_PATH = "/sse/close";
/**
 * `POST` here carries one upload chunk over the fallback: the body is the binary chunk frame (the
 * same 25-byte header and bytes as over WebSocket), `application/octet-stream`; answered once the
 * chunk is handled (stored, or refused by an `error` / `upload_cancel` on the stream).
 */
export const SSE_UPLOAD_PATH = "/sse/upload";
/** The fallback's endpoints by role, for code that addresses them together (a link, a route table). */
export const SSE_PATHS = {
  open: SSE_PATH,
  stream: SSE_STREAM_PATH,
  send: SSE_SEND_PATH,
  close: SSE_CLOSE_PATH,
  upload: SSE_UPLOAD_PATH,
} as const;
/** Request header carrying an SSE link's ticket (a cookie carries it for a native `EventSource`). */
export const SSE_TICKET_HEADER = "x-duplex-ticket";

/**
 * Uploaded files: `GET /files/<id>` and `GET /files/<id>/thumb` (room members only: `Authorization:
 * Bearer <token>` or a signed `?exp=&sig=`); `GET /api/files/<id>/url` answers a short-lived signed URL.
 */
export const FILES_PATH = "/files";
export const FILE_URL_API_PATH = "/api/files";
