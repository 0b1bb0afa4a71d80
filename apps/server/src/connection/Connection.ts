import type { Capability } from "@duplex/protocol";
import { CLOSE_REASONS, CloseCode, encode, type ServerMessage, type User } from "@duplex/protocol";
import { WebSocket } from "ws";
import type { Peer } from "./Peer.js";
import type { PeerSocket } from "./PeerSocket.js";
import { noteClosing } from "../inspector/controlFrames.js";
import type { Logger } from "../logger.js";
import { ConnectionLog, type ConnectionLogger } from "./connectionLog.js";
import { variantOf, wireTextFor } from "./capVariants.js";
import { FrameQueue } from "./FrameQueue.js";
import { sendText } from "./preframedText.js";
import { holdReads, releaseReads } from "./readPause.js";
import { dropSlowReader, isBehind } from "./slowReader.js";
import { newTrafficCounters, type TrafficCounters } from "./trafficCounters.js";
import { holdWrites, releaseIfLarge, tcpSocketOf } from "./writeCoalescing.js";

/** Above this many queued bytes a socket is congested: volatile frames (typing) are dropped for it. */
const CONGESTED_BYTES = 256 * 1024;

const SETTLED: Promise<void> = Promise.resolve();

// Shared by every socket that asked for nothing, so a plain v1 socket costs no Set of its own.
const NO_CAPS: ReadonlySet<Capability> = new Set<Capability>();

/**
 * One client socket and what the server knows about it. Frames are handled one at a time, in arrival
 * order (`frames`, FrameQueue.ts), so replies keep the order of requests even though handlers are
 * asynchronous.
 */
export class Connection implements Peer {
  user: User | undefined;
  /** The sign-in session this socket's token names (set by `hello`); its end closes the socket. */
  sessionId: string | undefined;
  /** What `welcome.caps` granted this socket; empty until then (a plain v1 client). */
  caps: ReadonlySet<Capability> = NO_CAPS;
  /** Rooms of this socket. `joining`: subscribed but `joined` not sent yet, so fan-out is buffered. */
  readonly #rooms = new Map<string, "joining" | "joined">();
  /** The remote address as every per-address limit counts it (IPv4, or IPv6 /64: `addressKey`). */
  address = "unknown";
  /** Whether the socket answered the last heartbeat ping. */
  alive = true;
  #closed = false;
  // Lazy: an idle socket that never sent a frame after its hello keeps no queue.
  #frames: FrameQueue | undefined;
  // Lazy: most sockets never buffer a broadcast nor log on their own, and at 10,000 idle sockets
  // every eager object shows in the memory per connection.
  #buffered: Map<string, string[]> | undefined;
  #log: ConnectionLog | undefined;
  // Rooms whose member list is on screen (`watch_members`); lazy like the buffer above.
  #watching: Set<string> | undefined;
  // `variantOf(caps)`, kept while `caps` is the same Set: four Set lookups per recipient otherwise.
  #variantCaps: ReadonlySet<Capability> | undefined;
  #variant = 0;

  constructor(
    readonly id: string,
    /** The link: a `ws` socket or an SSE stream (the name predates the second kind). */
    readonly ws: PeerSocket,
    /** The server's logger; this socket's child (bound to `conn: id`) is made on first use. */
    private readonly parentLog: Logger,
    /** Past this many queued bytes the socket is closed with 1013 (0: no limit). */
    readonly maxBufferedBytes = 0,
    /** The server's traffic totals (shared by its sockets). @default this socket's own */
    private readonly traffic: TrafficCounters = newTrafficCounters(),
  ) {}

  /** Written only by RoomMembership, through `enterRoom`, `markJoined` and `forgetRoom`. */
  get rooms(): ReadonlyMap<string, "joining" | "joined"> {
    return this.#rooms;
  }

  /** This socket's logger: every line carries `conn`. */
  get log(): ConnectionLogger {
    this.#log ??= new ConnectionLog(this.parentLog, this.id);
    return this.#log;
  }

  get closed(): boolean {
    return this.#closed || this.ws.readyState !== WebSocket.OPEN;
  }

  /** This socket's queue of frames and pipelined sends (FrameQueue.ts); made on first use. */
  get frames(): FrameQueue {
    this.#frames ??= new FrameQueue(
      (err, what) =>
        this.log.error(
          { err },
          what === "task"
            ? "unhandled error in connection task"
            : "unhandled error finishing a send",
        ),
      {
        full: () => {
          if (holdReads(this.ws, "frames")) this.traffic.readPauses += 1;
        },
        drained: () => releaseReads(this.ws, "frames"),
      },
    );
    return this.#frames;
  }

  /** Resolves when every queued task and every pipelined send has run. */
  drained(): Promise<void> {
    return this.#frames?.drained() ?? SETTLED;
  }

  send(message: ServerMessage): void {
    this.sendFrame(encode(message));
  }

  /** Queues a text frame; frames of one tick leave in one write (writeCoalescing.ts). */
  sendFrame(encoded: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const socket = tcpSocketOf(this.ws);
    if (socket) holdWrites(socket);
    if (this.#variantCaps !== this.caps) {
      this.#variantCaps = this.caps;
      this.#variant = variantOf(this.caps);
    }
    sendText(this.ws, socket, wireTextFor(encoded, this.#variant));
    this.traffic.framesOut += 1;
    if (isBehind(this.ws, this.maxBufferedBytes)) {
      this.log.warn({ bufferedAmount: this.ws.bufferedAmount }, "slow reader");
      dropSlowReader(this.ws, () => this.closeConnection(CloseCode.TryAgainLater));
      return;
    }
    if (socket) releaseIfLarge(socket);
  }

  /** A frame that may be dropped (live data, superseded soon) when the socket is congested. */
  sendVolatile(frame: string): void {
    if (this.ws.bufferedAmount > CONGESTED_BYTES) {
      this.traffic.volatileDropped += 1;
      return;
    }
    this.sendFrame(frame);
  }

  /** A room broadcast: buffered while the room is `joining`, dropped if volatile and congested. */
  deliver(room: string, frame: string, volatile: boolean): void {
    const state = this.#rooms.get(room);
    if (state === undefined) return;
    if (volatile && (state === "joining" || this.ws.bufferedAmount > CONGESTED_BYTES)) {
      this.traffic.volatileDropped += 1;
      return;
    }
    this.traffic.deliveries += 1;
    if (state === "joining") {
      this.#buffered ??= new Map();
      const buffer = this.#buffered.get(room) ?? [];
      buffer.push(frame);
      this.#buffered.set(room, buffer);
      return;
    }
    this.sendFrame(frame);
  }

  /**
   * Call right after sending `joined`: broadcasts that raced the join follow it. Some may repeat
   * messages the `joined` page already carried; clients de-duplicate by `seq`.
   */
  enterRoom(room: string): void {
    this.#rooms.set(room, "joining");
  }

  markJoined(room: string): void {
    this.#rooms.set(room, "joined");
    const buffered = this.#buffered?.get(room);
    if (buffered === undefined) return;
    this.#buffered?.delete(room);
    for (const frame of buffered) this.sendFrame(frame);
  }

  forgetRoom(room: string): void {
    this.#rooms.delete(room);
    this.#buffered?.delete(room);
    this.#watching?.delete(room);
  }

  /** Whether this socket hears the membership changes of a big room (`watch_members`). */
  watchesMembers(room: string): boolean {
    return this.#watching?.has(room) ?? false;
  }

  watchMembers(room: string, watch: boolean): void {
    if (watch) (this.#watching ??= new Set()).add(room);
    else this.#watching?.delete(room);
  }

  /** The one way the server closes a socket: a protocol close code with its documented reason. */
  closeConnection(code: CloseCode): void {
    if (this.#closed) return;
    this.#closed = true;
    this.log.info({ code }, "closing connection");
    noteClosing(this, code, CLOSE_REASONS[code]);
    this.ws.close(code, CLOSE_REASONS[code]);
  }
}
