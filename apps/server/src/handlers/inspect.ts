import { ErrorCode, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { controlFramesOf, notePingSent } from "../inspector/controlFrames.js";
import { handshakeOf } from "../inspector/handshakes.js";

/**
 * `inspect {enable}`: the protocol inspector for this connection only. Enabling answers with the
 * connection's own handshake and reports its control frames from then on; the headers of other
 * connections are never reachable from here.
 */
export function handleInspect(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"inspect">,
): void {
  const reporter = controlFramesOf(conn, ctx.now);
  const ref = msg.ref !== undefined ? { ref: msg.ref } : {};
  if (!msg.enable) {
    reporter.disable();
    conn.send({ type: "inspecting", ...ref, enabled: false });
    return;
  }
  const handshake = handshakeOf(conn.ws);
  if (!handshake)
    throw new DuplexError(ErrorCode.NotFound, "no handshake recorded for this connection");
  conn.send({ type: "inspecting", ...ref, enabled: true, handshake });
  const wasEnabled = reporter.enabled;
  reporter.enable();
  // One ping at once, so the round trip shows without waiting for the next heartbeat tick.
  if (!wasEnabled && !conn.closed) {
    conn.ws.ping();
    notePingSent(conn);
  }
}
