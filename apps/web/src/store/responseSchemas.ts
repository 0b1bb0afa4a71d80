// The zod schemas that check HTTP answers, loaded on the first request that needs one: zod is not in
// the app's first chunk.
export {
  AuditResponse,
  MeResponse,
  PushDevicesResponse,
  RoomMembersResponse,
  SessionsResponse,
  VapidKeyResponse,
} from "@duplex/protocol";
