/** Wire protocol version. Additive fields keep the version; a changed meaning bumps it. */
export const PROTOCOL_VERSION = 1;

/** The `Sec-WebSocket-Protocol` value a client must offer to speak this protocol. */
export const SUBPROTOCOL = "duplex.v1";

/** Every subprotocol this build of the server accepts, highest first. */
export const SUPPORTED_SUBPROTOCOLS: readonly string[] = [SUBPROTOCOL];

/** Path of the WebSocket endpoint on the Duplex server. */
export const WS_PATH = "/ws";
