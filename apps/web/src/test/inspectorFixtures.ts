import type { ServerMessageOf } from "@duplex/protocol";

/** RFC 6455 §1.3's example key, and the Sec-WebSocket-Accept a server derives from it. */
export const RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
export const RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

/** The server's answer to `inspect`: on, with the handshake it received for the RFC's key. */
export function inspectingRfcHandshake(): ServerMessageOf<"inspecting"> {
  return {
    type: "inspecting",
    enabled: true,
    handshake: {
      request: { method: "GET", path: "/ws", secWebSocketKey: RFC_KEY },
      response: { status: 101, secWebSocketAccept: RFC_ACCEPT },
    },
  };
}
