import { z } from "zod";
import { Ref, Timestamp } from "./fields.js";

// The protocol inspector: a connection may ask the server what it saw of its own handshake
// and be told about the control frames (ping/pong/close) that browsers never expose.

/** Path of the classic echo endpoint: any subprotocol or none; text comes back as `You sent: …`. */
export const ECHO_PATH = "/echo";

export { INSPECT_HTTP_PATH } from "./paths.js";

/** What the echo endpoint prefixes to every text message it returns. */
export const ECHO_PREFIX = "You sent: ";

const HeaderValue = z.string().max(4096);

export const InspectMessage = z.strictObject({
  type: z.literal("inspect"),
  ref: Ref.optional(),
  /** true: reply with the handshake and report control frames from now on; false: stop reporting. */
  enable: z.boolean(),
});

/** The upgrade request as the server received it (this connection's own; never another user's). */
export const HandshakeRequest = z.object({
  method: z.string().max(16),
  path: z.string().max(2048),
  upgrade: HeaderValue.optional(),
  connection: HeaderValue.optional(),
  secWebSocketKey: HeaderValue.optional(),
  secWebSocketVersion: HeaderValue.optional(),
  secWebSocketProtocol: HeaderValue.optional(),
  origin: HeaderValue.optional(),
});

/** The `101 Switching Protocols` response the server sent. */
export const HandshakeResponse = z.object({
  status: z.number().int(),
  secWebSocketAccept: HeaderValue,
  /** The chosen subprotocol; absent if none was chosen. */
  protocol: HeaderValue.optional(),
  /** `Sec-WebSocket-Extensions` as sent (e.g. permessage-deflate); absent if none. */
  extensions: HeaderValue.optional(),
});

export const Handshake = z.object({
  request: HandshakeRequest,
  response: HandshakeResponse,
});
export type Handshake = z.infer<typeof Handshake>;

export const InspectingMessage = z.object({
  type: z.literal("inspecting"),
  ref: Ref.optional(),
  enabled: z.boolean(),
  /** With `enabled: true`: this connection's handshake. */
  handshake: Handshake.optional(),
});

/**
 * A control frame the server sent or received on this connection. `direction` is named from the wire,
 * so it reads the same on both ends: `to_client` = the server sent it.
 */
export const ControlMessage = z.object({
  type: z.literal("control"),
  kind: z.enum(["ping", "pong", "close"]),
  direction: z.enum(["to_client", "to_server"]),
  /** When the server sent or received it (server clock, ms since epoch). */
  at: Timestamp,
  /** Payload length of the control frame (a close frame: 2 code bytes + the UTF-8 reason). */
  bytes: z.number().int().nonnegative(),
  /** A received `pong`: milliseconds since the ping it answers was sent. */
  rttMs: z.number().nonnegative().optional(),
  /** A `close`: its code and reason. */
  code: z.number().int().optional(),
  reason: z.string().max(123).optional(),
});
export type ControlMessage = z.infer<typeof ControlMessage>;
