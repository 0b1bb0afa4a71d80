export { PROTOCOL_VERSION, SUBPROTOCOL, SUPPORTED_SUBPROTOCOLS, WS_PATH } from "./version.js";
export { LIMITS } from "./limits.js";
export { CLOSE_REASONS, CloseCode, ErrorCode, LOCAL_CLOSE_CODES, isRetryable } from "./codes.js";
export {
  DM_PREFIX,
  DmRoomId,
  Name,
  PublicRoomName,
  RoomId,
  UserId,
  dmParticipants,
  dmRoomId,
  isDmRoom,
} from "./names.js";
export {
  ChatMessage,
  Cid,
  DmSummary,
  Epoch,
  MessageId,
  Notification,
  NotificationBody,
  NotificationLevel,
  NotificationLink,
  NotificationTitle,
  Ref,
  RoomSummary,
  Seq,
  StatsSample,
  StreamPosition,
  Text,
  Timestamp,
  Topic,
  User,
} from "./fields.js";
export * from "./clientMessages.js";
export * from "./serverMessages.js";
export * from "./pushApi.js";
export { ASYNCAPI_PATH, PROTOCOL_INFO_PATH, ProtocolInfo } from "./protocolInfo.js";
export * from "./inspectMessages.js";
export { decodeClientMessage, decodeServerMessage, encode } from "./codec.js";
export type { DecodeError, DecodeResult } from "./codec.js";
export {
  buildAsyncApiDocument,
  messageSchemas,
  pushApiSchemas,
  unionSchema,
} from "./spec/index.js";
export type { AsyncApiOptions, JsonSchema } from "./spec/index.js";
export { TokenBucket } from "./tokenBucket.js";
