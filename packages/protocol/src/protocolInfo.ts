import { z } from "zod";

export { ASYNCAPI_PATH, PROTOCOL_INFO_PATH } from "./paths.js";

/**
 * `GET /api/protocol`: the server's protocol version and every subprotocol it accepts, highest first.
 * A browser cannot read why an upgrade was refused, so after a socket that never opened the client
 * asks here whether its own subprotocol is still supported. Lenient (z.object): fields may be added.
 */
export const ProtocolInfo = z.object({
  protocolVersion: z.number().int().positive(),
  subprotocols: z.array(z.string().min(1)),
  /** Every capability this server can grant in `welcome.caps`. */
  capabilities: z.array(z.string().min(1)).optional(),
});
export type ProtocolInfo = z.infer<typeof ProtocolInfo>;
