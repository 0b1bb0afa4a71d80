import { encode, type Capability, type ServerMessage } from "@duplex/protocol";
import type { Broker, Unsubscribe } from "../broker/Broker.js";
import type { Logger } from "../logger.js";
import type { Peer } from "../connection/Peer.js";
import { RoomSequencer, type SequenceSource, type SequencerCounters } from "./roomSequencer.js";
import { packEnvelope, unpackEnvelope, unpackMany } from "./brokerEnvelope.js";
import { PublishBatcher } from "./publishBatcher.js";
import { LocalMembers } from "./localMembers.js";

/** How a broadcast is delivered: to everyone but one user's sockets, and whether it may be dropped. */
export interface FanoutOptions {
  exceptUser?: string;
  /** One socket (id unique across nodes) that was already answered directly. */
  exceptConnection?: string;
  volatile?: boolean;
  /** Only to sockets granted this capability (a form an older client would misread). */
  onlyCap?: Capability;
  /** Only to sockets without this capability (the plain-v1 form of what `onlyCap` sockets get). */
  exceptCap?: Capability;
  /** Not to sockets granted this capability unless they watch the room's members (big rooms). */
  quietFor?: Capability;
  /** Only to sockets granted this capability as well as `onlyCap`. */
  alsoCap?: Capability;
}

/** A room-wide signal handed to this node's listeners instead of sockets (see `signal`). */
export type RoomSignal = "occupancy";

/** What travels before a broadcast's frame on the broker: its options, and how to read the payload. */
interface Header extends FanoutOptions {
  /**
   * The payload is several frames, one per line (JSON text never holds a raw newline); each entry is
   * the user whose sockets skip that frame, or null. One pass over the room's sockets for all of them.
   */
  batch?: Array<string | null>;
  signal?: RoomSignal;
  /** A chat message's seq: the receiving node orders and gap-fills by it (roomSequencer.ts). */
  seq?: number;
}

const channelOf = (room: string) => `room:${room}`;

// Two nodes' publishes of one room's consecutive commits reach Redis in either order, a few ms
// apart; a real loss (broker reset, a node dying after its commit) costs this much extra latency.
const GAP_GRACE_MS = 25;
// In one process nothing is lost: a jump is a sender's publish that is late because its finish waits
// for the same peer's earlier one (notification writes included), a microtask to a few loop turns.
const LOCAL_GAP_GRACE_MS = 100;

/**
 * Room broadcasts through the broker: this node subscribes to a room's channel while it has a local
 * socket in the room and hands each payload to those sockets. Swapping the broker for Redis makes the
 * same code fan out across nodes.
 */
export class RoomFanout {
  readonly #local = new LocalMembers();
  readonly #subscriptions = new Map<string, Promise<Unsubscribe>>();
  readonly #sequencer: RoomSequencer<{ frame: string; header: Header }> | undefined;
  readonly #stopCatchUp: (() => void) | undefined;
  readonly #signalListeners = new Set<(room: string, signal: RoomSignal) => void>();
  /** Over a broker between nodes: a turn's broadcasts of a room go as one bundle. */
  readonly #batcher: PublishBatcher | undefined;
  /**
   * The last payload this node published and what it reads as. The in-process broker hands that very
   * string straight back, so one node reads its own broadcasts without parsing their header.
   */
  #lastPacked: string | undefined;
  #lastEnvelope: { frame: string; header: Header } | undefined;
  /** Runs one broadcast's loop over `peers` sockets: how the socket edge writes a big room's frames. */
  readonly #broadcast: (peers: number, deliver: () => void) => void;

  /**
   * With `source` (the store), chat messages are delivered gap-free per room whatever the broker
   * does: see {@link RoomSequencer}. `headCheckMs` > 0 also compares every subscribed room with the
   * store's head that often, catching the tail of a burst whose publishes were lost. `gapGraceMs`:
   * how long a jump waits for reordered publishes before reading the store.
   */
  constructor(
    private readonly broker: Broker,
    private readonly log: Logger,
    options: {
      source?: SequenceSource;
      headCheckMs?: number;
      gapGraceMs?: number;
      broadcast?: (peers: number, deliver: () => void) => void;
    } = {},
  ) {
    const { source, headCheckMs = 0 } = options;
    this.#broadcast = options.broadcast ?? ((_peers, deliver) => deliver());
    const gapGraceMs =
      options.gapGraceMs ?? (broker.losesPayloads ? GAP_GRACE_MS : LOCAL_GAP_GRACE_MS);
    if (broker.losesPayloads) {
      this.#batcher = new PublishBatcher((r, p) => void this.#publishPayload(r, p, false));
    }
    if (!source) return;
    const sequencer = new RoomSequencer<{ frame: string; header: Header }>({
      source,
      log,
      gapGraceMs,
      brokerUp: () => broker.isReady?.() !== false,
      deliver: (room, { frame, header }) => this.#deliverFrame(room, frame, header),
      fromStore: (message) => ({ frame: encode({ type: "message", ...message }), header: {} }),
    });
    this.#sequencer = sequencer;
    const stopReset = broker.onReset?.(() => sequencer.catchUpAll());
    const timer =
      headCheckMs > 0 ? setInterval(() => sequencer.catchUpSettled(), headCheckMs) : undefined;
    timer?.unref();
    this.#stopCatchUp = () => {
      stopReset?.();
      clearInterval(timer);
    };
  }

  /** Gap fills and dropped duplicates so far (zero without a sequencer). */
  get counters(): SequencerCounters {
    return this.#sequencer?.counters ?? { gapFilled: 0, dropped: 0, reordered: 0 };
  }

  /** Stops the periodic head check; publishes what is pending. */
  close(): void {
    this.#batcher?.flush();
    this.#stopCatchUp?.();
  }

  /** Adds a local socket to the room; resolves once this node receives the room's broadcasts. */
  async add(room: string, conn: Peer): Promise<void> {
    this.#local.add(room, conn);
    let subscription = this.#subscriptions.get(room);
    if (!subscription) {
      subscription = this.broker
        .subscribe(channelOf(room), (payload) => this.#deliver(room, payload))
        .then(async (unsubscribe) => {
          // Subscribed first, then the head read: nothing committed in between is missed.
          await this.#sequencer?.open(room);
          return unsubscribe;
        });
      this.#subscriptions.set(room, subscription);
    }
    await subscription;
  }

  /** The peer started or stopped watching the room's member list (recorded on the peer already). */
  watchChanged(room: string, conn: Peer): void {
    this.#local.watchChanged(room, conn);
  }

  async remove(room: string, conn: Peer): Promise<void> {
    if (!this.#local.remove(room, conn)) return;
    const subscription = this.#subscriptions.get(room);
    this.#subscriptions.delete(room);
    this.#sequencer?.close(room);
    if (subscription) await (await subscription)();
  }

  /** Encodes once and publishes to every member socket on every node. */
  async publish(room: string, message: ServerMessage, options: FanoutOptions = {}): Promise<void> {
    const seq = message.type === "message" ? message.seq : undefined;
    const header: Header = seq === undefined ? options : { ...options, seq };
    const frame = encode(message);
    const payload = packEnvelope<Header>(header, frame);
    this.#lastPacked = payload;
    this.#lastEnvelope = { frame, header };
    await this.#publishPayload(room, payload);
  }

  /**
   * Several frames in one broker payload, each skipping its own user's sockets (`exceptUser` per
   * message): per-change presence for v1 sockets costs one pass over the room, not one per change.
   */
  async publishMany(
    room: string,
    messages: ReadonlyArray<{ message: ServerMessage; exceptUser?: string }>,
    options: Omit<FanoutOptions, "exceptUser"> = {},
  ): Promise<void> {
    if (messages.length === 0) return;
    const frames = messages.map(({ message }) => encode(message)).join("\n");
    const batch = messages.map(({ exceptUser }) => exceptUser ?? null);
    await this.#publishPayload(room, packEnvelope<Header>({ ...options, batch }, frames));
  }

  /** Tells every node with a socket in the room (this one included) about `signal`. */
  async signal(room: string, signal: RoomSignal): Promise<void> {
    await this.#publishPayload(room, packEnvelope<Header>({ signal }, "{}"));
  }

  /** Calls `listener` for every signal of a room this node has sockets in. */
  onSignal(listener: (room: string, signal: RoomSignal) => void): () => void {
    this.#signalListeners.add(listener);
    return () => this.#signalListeners.delete(listener);
  }

  /** Whether this node has a socket in the room. */
  hasLocal(room: string): boolean {
    return this.#local.has(room);
  }

  /** Delivers to this node's sockets in the room only (what every node computes for itself). */
  deliverLocal(room: string, message: ServerMessage, options: FanoutOptions = {}): void {
    this.#deliverFrame(room, encode(message), options);
  }

  /** To the broker: now, or (`batched`, over a broker between nodes) in the turn's bundle. */
  async #publishPayload(room: string, payload: string, batched = true): Promise<void> {
    if (batched && this.#batcher) {
      this.#batcher.add(room, payload);
      return;
    }
    // A disconnected broker cannot echo the publish back: this node's own members get it now, so
    // local delivery does not wait for the broker (a late echo of a chat message is dropped by seq).
    if (this.broker.isReady?.() === false) this.#deliver(room, payload);
    await this.broker.publish(channelOf(room), payload);
  }

  /** A broker payload for `room`: one envelope or a bundle of them, each to the sequencer or the sockets. */
  #deliver(room: string, message: string): void {
    if (!this.#local.has(room)) return;
    let payloads;
    try {
      payloads = unpackMany(message);
    } catch (err) {
      this.log.error({ err, room }, "undecodable broker bundle");
      return;
    }
    for (const payload of payloads) {
      let unpacked;
      try {
        unpacked =
          payload === this.#lastPacked && this.#lastEnvelope !== undefined
            ? this.#lastEnvelope
            : unpackEnvelope<Header>(payload);
      } catch (err) {
        this.log.error({ err, room }, "undecodable broker payload");
        continue;
      }
      const { frame, header } = unpacked;
      if (header.signal !== undefined) {
        for (const listener of this.#signalListeners) listener(room, header.signal);
      } else if (this.#sequencer) {
        this.#sequencer.receive(room, header.seq, { frame, header });
      } else {
        this.#deliverFrame(room, frame, header);
      }
    }
  }

  #deliverFrame(room: string, frame: string, header: Header): void {
    const sockets = this.#local.reachable(room, header.quietFor);
    if (!sockets || sockets.size === 0) return;
    const volatile = header.volatile === true;
    const frames = header.batch ? frame.split("\n") : undefined;
    // The socket edge decides how a big room's frames are written (writeCoalescing.ts).
    this.#broadcast(sockets.size, () => {
      for (const conn of sockets) {
        if (header.exceptUser !== undefined && conn.user?.id === header.exceptUser) continue;
        if (conn.id === header.exceptConnection) continue;
        if (header.onlyCap !== undefined && !conn.caps.has(header.onlyCap)) continue;
        if (header.exceptCap !== undefined && conn.caps.has(header.exceptCap)) continue;
        if (header.alsoCap !== undefined && !conn.caps.has(header.alsoCap)) continue;
        if (
          header.quietFor !== undefined &&
          conn.caps.has(header.quietFor) &&
          !conn.watchesMembers(room)
        ) {
          continue;
        }
        if (!frames) {
          conn.deliver(room, frame, volatile);
          continue;
        }
        const userId = conn.user?.id;
        frames.forEach((f, i) => {
          if (header.batch?.[i] !== userId) conn.deliver(room, f, volatile);
        });
      }
    });
  }
}
