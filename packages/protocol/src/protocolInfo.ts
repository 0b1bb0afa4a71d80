import { z } from "zod";

/** HTTP path of the generated AsyncAPI 3 document (the machine-readable contract). */
export const ASYNCAPI_PATH = "/asyncapi.json";

/** HTTP path a client asks which protocol versions the server speaks (see `ProtocolInfo`). */
export const PROTOCOL_INFO_PATH = "/api/protocol";

/**
 * `GET /api/protocol`: the server's protocol version and every subprotocol it accepts, highest first.
 * A browser cannot read why an upgrade was refused, so after a socket that never opened the client
 * asks here whether its own subprotocol is still supported. Lenient (z.object): fields may be added.
 */
export const ProtocolInfo = z.object({
  protocolVersion: z.number().int().positive(),
  subprotocols: z.array(z.string().min(1)),
});
export type ProtocolInfo = z.infer<typeof ProtocolInfo>;
