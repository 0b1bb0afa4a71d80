import type { Capability, CloseCode, ServerMessage, User } from "@duplex/protocol";
import type { ConnectionLogger } from "./connectionLog.js";
import type { FrameQueue } from "./FrameQueue.js";
import type { PeerSocket } from "./PeerSocket.js";

/**
 * One signed-in client as the domain modules see it, whatever carries it: handlers, fan-out, presence
 * and push take a `Peer`, never the `ws`-backed `Connection`, so a domain module serves a WebSocket
 * and an SSE stream (sse/SseSocket.ts is a PeerSocket) alike, and a test can hand it a plain object.
 */
export interface Peer {
  /** Unique across nodes and restarts. */
  readonly id: string;
  user: User | undefined;
  /** The sign-in session the peer's token names (set by `hello`). */
  sessionId: string | undefined;
  /** What `welcome.caps` granted; empty for a plain v1 client. */
  caps: ReadonlySet<Capability>;
  /**
   * Rooms of this peer. `joining`: subscribed but `joined` not sent yet, so fan-out is buffered.
   * Written only by RoomMembership (rooms/RoomMembership.ts), through the three methods below.
   */
  readonly rooms: ReadonlyMap<string, "joining" | "joined">;
  /** The remote address as every per-address limit counts it. */
  address: string;
  readonly closed: boolean;
  readonly log: ConnectionLogger;
  /** The peer's ordered work: frames, pipelined sends, timers that answer in turn. */
  readonly frames: FrameQueue;
  /** The link under the peer (ws or SSE): congestion, pings and the handshake read it. */
  readonly ws: PeerSocket;
  send(message: ServerMessage): void;
  /** An already-encoded frame (encoded once for many peers). */
  sendFrame(encoded: string): void;
  /** A frame that may be dropped when the peer is congested. */
  sendVolatile(frame: string): void;
  /** A room broadcast: buffered while the room is `joining`, dropped if volatile and congested. */
  deliver(room: string, frame: string, volatile: boolean): void;
  /** In the room as `joining`: its broadcasts are buffered until `markJoined`. */
  enterRoom(room: string): void;
  /** `joined` was sent: the buffered broadcasts follow it. */
  markJoined(room: string): void;
  forgetRoom(room: string): void;
  watchesMembers(room: string): boolean;
  watchMembers(room: string, watch: boolean): void;
  /** The one way the server closes a peer: a protocol close code with its documented reason. */
  closeConnection(code: CloseCode): void;
}
