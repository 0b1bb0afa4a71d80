import type { ConnectionState, FrameEvent, OutboxEntry } from "@duplex/client";
import type { ChatMessage, ServerMessage, User } from "@duplex/protocol";
import type { InspectorSlice } from "../inspector/inspectorSlice.js";
import type { ThreadView } from "../threads/threadTypes.js";
import type { SessionEnd } from "./sessionSlice.js";

/**
 * One thing the client reported, as data: the store's only input from the connection. The attach
 * layer turns each client event into one of these; `applyServerEvent` folds it into the state.
 */
export type ServerEvent =
  /** `uploads`: whether the node granted file uploads, read only while open (else undefined). */
  | { type: "state"; state: ConnectionState; uploads: boolean | undefined }
  | { type: "user"; user: User; uploads: boolean | undefined }
  | { type: "rtt"; rttMs: number }
  | { type: "transport"; transport: "websocket" | "sse" }
  | { type: "outbox"; entries: readonly OutboxEntry[] }
  | { type: "roomMessages"; room: string; messages: readonly ChatMessage[]; reset: boolean }
  | { type: "message"; message: ServerMessage }
  | { type: "joinRefused"; room: string; error: Extract<ServerMessage, { type: "error" }> }
  | { type: "frame"; frame: FrameEvent }
  /** Asking for the saved rooms failed: the page opens the default room instead of waiting. */
  | { type: "roomsUnavailable" };

/** What the reducer asks the outside world to do after the state changed (run by `serverEffects`). */
export type ServerEffect =
  | { kind: "join"; room: string }
  | { kind: "open"; room: string }
  /** The open room's newest message may be on screen: send a read cursor. */
  | { kind: "readCurrent" }
  /** Someone is typing: expire them on time. */
  | { kind: "sweepTyping" }
  /** Messages were queued in these rooms: the next keystroke may announce typing again. */
  | { kind: "typingEnded"; rooms: readonly string[] }
  /** A connection opened: ask for the rooms the server remembers for us. */
  | { kind: "askRooms" }
  | { kind: "subscribeStats" }
  | { kind: "inspect" }
  | { kind: "computeAccept"; handshake: NonNullable<InspectorSlice["handshake"]> }
  | { kind: "readThread"; view: ThreadView }
  | { kind: "endSession"; ended: SessionEnd };

/** The reducer's answer: the next state (the same object when nothing changed) and its effects. */
export interface Applied<S> {
  state: S;
  effects: ServerEffect[];
}
