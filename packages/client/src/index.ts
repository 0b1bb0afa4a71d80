export { DuplexClient } from "./DuplexClient.js";
export { GOING_AWAY_MIN_ATTEMPT } from "./reconnectScheduler.js";
export type { DuplexClientOptions } from "./options.js";
export { backoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
export type { BackoffOptions } from "./backoff.js";
export { RequestError } from "./requests.js";
export type { RequestErrorCode } from "./requests.js";
export { memoryStorage } from "./environment.js";
export { SIGNED_OUT } from "./outbox.js";
export { protocolInfoUrl, supportsSubprotocol } from "./versionProbe.js";
export type * from "./types.js";
export type { ToleratedCounts } from "./toleratedFrames.js";
export { CLIENT_CAPS } from "./options.js";
export { SseSocket, sseSocketConstructor, httpBaseOf } from "./sseSocket.js";
export type { StreamingFetch } from "./sseSocket.js";
export type { TransportChoice, TransportKind } from "./autoTransport.js";
export { EventStreamParser } from "./eventStream.js";
export type { StreamEvent } from "./eventStream.js";
export { Upload, sha256Hex } from "./uploads.js";
export type {
  UploadError,
  UploadEvents,
  UploadInput,
  UploadResult,
  UploadState,
} from "./uploads.js";
export { DEFAULT_STREAM_SLOTS, slottedFetch, streamSlots } from "./streamSlots.js";
export type { LockManagerLike, StreamSlots } from "./streamSlots.js";
