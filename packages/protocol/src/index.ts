export { PROTOCOL_VERSION, SUBPROTOCOL, SUPPORTED_SUBPROTOCOLS, WS_PATH } from "./version.js";
export { LIMITS } from "./limits.js";
export {
  CAPABILITIES,
  Capability,
  MAX_CAPS,
  grantCapabilities,
  isCapability,
} from "./capabilities.js";
export { CLOSE_REASONS, CloseCode, ErrorCode, LOCAL_CLOSE_CODES, isRetryable } from "./codes.js";
export { CapabilityName } from "./fields.js";
export { DM_PREFIX, dmParticipants, dmRoomId, isDmRoom } from "./dmRooms.js";
export { DmRoomId, Name, PublicRoomName, RoomId, UserId } from "./names.js";
export { nameProblem, normalizeName } from "./nameRules.js";
export * from "./authApi.js";
export * from "./roomsApi.js";
export * from "./passkeysApi.js";
export {
  ASYNCAPI_PATH,
  INSPECT_HTTP_PATH,
  PROTOCOL_INFO_PATH,
  SSE_CLOSE_PATH,
  SSE_PATH,
  SSE_PATHS,
  SSE_SEND_PATH,
  SSE_STREAM_PATH,
  SSE_TICKET_HEADER,
} from "./paths.js";
export { checkName, checkRoomName, checkText } from "./rules.js";
export type { RuleProblem, RuleResult } from "./rules.js";
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
export * from "./receipts.js";
export * from "./pushApi.js";
export { ProtocolInfo } from "./protocolInfo.js";
export * from "./inspectMessages.js";
export { decodeClientMessage, decodeServerMessage } from "./codec.js";
export { encode } from "./encode.js";
export type { DecodeError, DecodeResult } from "./codec.js";
export {
  buildAsyncApiDocument,
  messageSchemas,
  pushApiSchemas,
  unionSchema,
} from "./spec/index.js";
export type { AsyncApiOptions, JsonSchema } from "./spec/index.js";
export { TokenBucket } from "./tokenBucket.js";
export { validateWithoutEval } from "./strictCsp.js";
export * from "./webPushApi.js";
export { VisibilityMessage } from "./visibilityMessage.js";
export { ReactMessage, ReactionEventMessage } from "./reactions.js";
export { Emoji, REACTION_LIMITS, ReactionSummary, ReplyRef, isOneEmoji } from "./messageExtras.js";
export { Attachment, FILE_LIMITS, FileId, FileName } from "./attachment.js";
export * from "./files.js";
export { FILES_PATH, FILE_URL_API_PATH } from "./paths.js";
export * from "./threads.js";
export { THREAD_PARTICIPANTS, ThreadRef, ThreadSummary } from "./threadsFields.js";
export { SSE_UPLOAD_PATH } from "./paths.js";
export * from "./compare.js";
