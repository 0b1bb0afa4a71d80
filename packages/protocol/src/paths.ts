// HTTP paths as plain constants, apart from the zod schemas that describe their bodies, so a client
// can name a path without loading zod (issue 8).

/** HTTP path of the generated AsyncAPI 3 document (the machine-readable contract). */
export const ASYNCAPI_PATH = "/asyncapi.json";

/** HTTP path a client asks which protocol versions the server speaks (see `ProtocolInfo`). */
export const PROTOCOL_INFO_PATH = "/api/protocol";

/**
 * HTTP route where the inspector measures a plain request: `GET` answers `{requestBytes, headerCount}`,
 * the size of the request head the server received.
 */
export const INSPECT_HTTP_PATH = "/api/inspect/http";
