import { ProtocolInfo, StreamPosition, decodeServerMessage } from "@duplex/protocol";

// The zod-backed checks, loaded with a dynamic import so zod stays out of an app's initial bundle.
// Import this module only through `loadServerDecoder` in lazyDecoder.ts.
export { ProtocolInfo, StreamPosition, decodeServerMessage };
