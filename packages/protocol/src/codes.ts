/**
 * Error codes carried by `error {code}` messages. Each is documented once, in the protocol README.
 */
export const ErrorCode = {
  /** The frame was not valid JSON. */
  BadJson: "bad_json",
  /** The frame was JSON but not a valid message (wrong field type, missing field, bad name…). */
  InvalidMessage: "invalid_message",
  /** `type` named no known client message. */
  UnknownType: "unknown_type",
  /** A message other than `hello` arrived before `hello`, or `hello` arrived twice. */
  HelloRequired: "hello_required",
  /** The room named by the request has not been joined on this connection. */
  NotJoined: "not_joined",
  /** Too many messages; `retryAfterMs` says when to try again. */
  RateLimited: "rate_limited",
  /** Text longer than the limit, or a frame over `maxFrameBytes`. */
  TooLarge: "too_large",
  /** The user may not do this (a private room, another user's message, a bad token). */
  Unauthorized: "unauthorized",
  /** The message or room referred to does not exist. */
  NotFound: "not_found",
  /**
   * The user is muted (here or everywhere) until `retryAfterMs` from now. Only to sockets granted the
   * `accounts` capability; others read `unauthorized` (an older client would retry `internal`).
   */
  Muted: "muted",
  /** Binary frames are not part of the protocol. */
  UnsupportedData: "unsupported_data",
  /** The server failed; the request may be retried. */
  Internal: "internal",
  /**
   * An upload chunk beyond the `window` of `upload_ready` (bytes not yet acknowledged) or out of
   * order: the upload is failed (`upload_cancel`). Older readers see `internal`.
   */
  FlowControl: "flow_control",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Close codes the server uses. 1xxx are RFC 6455 §7.4.1; 4xxx read as 4000 + HTTP status where one fits.
 * 1006 and 4426 never travel on the wire: a peer reports them locally (`LOCAL_CLOSE_CODES`).
 */
export const CloseCode = {
  Normal: 1000,
  /** Server shutting down or restarting (deploy). Reconnect, with jitter. */
  GoingAway: 1001,
  ProtocolError: 1002,
  /** A binary frame on `/ws`. */
  UnsupportedData: 1003,
  /** Closed without a close frame (reported locally, never sent). */
  Abnormal: 1006,
  InvalidPayload: 1007,
  PolicyViolation: 1008,
  /** Frame over `maxFrameBytes`. */
  MessageTooBig: 1009,
  InternalError: 1011,
  /** Overloaded or this client is too slow to keep up; reconnect later. */
  TryAgainLater: 1013,
  /** The first frame was not a valid `hello`. */
  BadHello: 4400,
  /** The token was forged, tampered with or expired. Fatal: sign in again. */
  Unauthorized: 4401,
  /** Not allowed (e.g. banned). Fatal. */
  Forbidden: 4403,
  /** No `hello` within `helloTimeoutMs`. */
  HelloTimeout: 4408,
  /**
   * The server does not speak this client's subprotocol (it was upgraded). Reported locally by the
   * client, never sent: a browser cannot read the HTTP 400 of a refused upgrade, so the client asks
   * `GET /api/protocol` after a socket that never opened. Fatal: reload to get a matching client.
   */
  UpgradeRequired: 4426,
  /** Too many messages after repeated `rate_limited` errors. */
  RateLimited: 4429,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** The reason text the server sends with each close code (≤ 123 bytes, RFC 6455 §5.5). */
export const CLOSE_REASONS: Readonly<Record<CloseCode, string>> = {
  1000: "bye",
  1001: "server restarting; reconnect with jitter",
  1002: "protocol error",
  1003: "binary frames are not supported",
  1006: "closed without a close frame",
  1007: "invalid UTF-8",
  1008: "policy violation",
  1009: "frame too large",
  1011: "internal error",
  1013: "try again later",
  4400: "first frame must be a valid hello",
  4401: "invalid or expired token",
  4403: "forbidden",
  4408: "hello timeout",
  4426: "client protocol version not supported; reload",
  4429: "rate limited",
};

/** Close codes a client reports itself and no server ever sends. */
export const LOCAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.Abnormal,
  CloseCode.UpgradeRequired,
]);

/** Close codes after which reconnecting cannot help: the client stops and tells the user. */
const FATAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.ProtocolError,
  CloseCode.UnsupportedData,
  CloseCode.InvalidPayload,
  CloseCode.BadHello,
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.UpgradeRequired,
]);

/**
 * Whether a client should reconnect after a close with this code. The one place this is decided.
 * Anything not known to be fatal is retried (with backoff): 1006 (network), 1001 (deploy), 1011, 1013…
 */
export function isRetryable(code: number): boolean {
  return !FATAL_CLOSE_CODES.has(code);
}
