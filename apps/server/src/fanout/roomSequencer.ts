import type { ChatMessage } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import type { Store } from "../store/Store.js";

/** The record the sequencer trusts: the store. */
export interface SequenceSource {
  /** The room's last committed seq (0 if none). */
  head(room: string): Promise<number>;
  /** Committed messages with seq > `since`, oldest first, at most `limit`. */
  after(room: string, since: number, limit: number): Promise<ChatMessage[]>;
}

export interface RoomSequencerOptions<T> {
  source: SequenceSource;
  /** Hands one item to the room's local sockets, in order. */
  deliver(room: string, item: T): void;
  /** The item for a message read from the store to fill a gap. */
  fromStore(message: ChatMessage): T;
  log: Logger;
}

/** What the sequencer counts, for logs and `/metrics`. */
export interface SequencerCounters {
  /** Messages read from the store because the broker skipped them. */
  gapFilled: number;
  /** Broker deliveries dropped as already delivered (duplicates, late arrivals). */
  dropped: number;
}

type Item<T> = { kind: "item"; seq: number | undefined; item: T } | { kind: "catchUp" };

interface RoomState<T> {
  last: number;
  queue: Item<T>[];
  busy: boolean;
  closed: boolean;
  ready: Promise<void>;
}

const FILL_PAGE = 500;

/**
 * Treats the broker as a hint: per room it delivers `seq == last + 1`, drops `seq <= last`,
 * and on a jump reads the missing messages from the store before delivering. Unsequenced items
 * (presence, typing, edits) keep their place in the same per-room order. `catchUp` reads the store's
 * head, which recovers the tail of a burst whose publishes were lost (broker reset, node death between
 * commit and publish).
 */
export class RoomSequencer<T> {
  readonly counters: SequencerCounters = { gapFilled: 0, dropped: 0 };
  readonly #rooms = new Map<string, RoomState<T>>();

  constructor(private readonly options: RoomSequencerOptions<T>) {}

  /**
   * Starts sequencing `room` from the store's current head. Call after subscribing to the room's
   * broadcasts, so nothing committed after the head read can be missed; items received meanwhile wait.
   */
  open(room: string): Promise<void> {
    const existing = this.#rooms.get(room);
    if (existing) return existing.ready;
    const state: RoomState<T> = {
      last: 0,
      queue: [],
      busy: true,
      closed: false,
      ready: Promise.resolve(),
    };
    this.#rooms.set(room, state);
    state.ready = (async () => {
      try {
        state.last = await this.options.source.head(room);
      } catch (err) {
        this.options.log.error({ err, room }, "sequencer could not read the room head");
      }
      state.busy = false;
      this.#kick(room, state);
    })();
    return state.ready;
  }

  close(room: string): void {
    const state = this.#rooms.get(room);
    if (!state) return;
    state.closed = true;
    this.#rooms.delete(room);
  }

  /** One broker payload for `room`; `seq` for chat messages, undefined for anything else. */
  receive(room: string, seq: number | undefined, item: T): void {
    const state = this.#rooms.get(room);
    if (!state) return;
    if (!state.busy && state.queue.length === 0 && (seq === undefined || seq <= state.last + 1)) {
      this.#deliverInOrder(room, state, seq, item); // the common case, synchronous
      return;
    }
    state.queue.push({ kind: "item", seq, item });
    this.#kick(room, state);
  }

  /** Delivers whatever the store has beyond what this node delivered, for every open room. */
  catchUpAll(): void {
    for (const [room, state] of this.#rooms) {
      if (state.queue.some((i) => i.kind === "catchUp")) continue;
      state.queue.push({ kind: "catchUp" });
      this.#kick(room, state);
    }
  }

  /** Resolves when every room's queue is empty (tests). */
  async idle(): Promise<void> {
    for (const state of this.#rooms.values()) {
      while (state.busy || state.queue.length > 0) await new Promise((r) => setImmediate(r));
    }
  }

  #kick(room: string, state: RoomState<T>): void {
    if (state.busy || state.closed) return;
    state.busy = true;
    void this.#drain(room, state);
  }

  async #drain(room: string, state: RoomState<T>): Promise<void> {
    for (let next = state.queue.shift(); next && !state.closed; next = state.queue.shift()) {
      try {
        if (next.kind === "catchUp") {
          await this.#fill(room, state, await this.options.source.head(room));
        } else if (next.seq !== undefined && next.seq > state.last + 1) {
          await this.#fill(room, state, next.seq - 1);
        }
      } catch (err) {
        this.options.log.error({ err, room }, "sequencer could not read the store");
      }
      if (next.kind === "item") this.#deliverInOrder(room, state, next.seq, next.item);
    }
    state.busy = false;
    if (state.queue.length > 0) this.#kick(room, state);
  }

  #deliverInOrder(room: string, state: RoomState<T>, seq: number | undefined, item: T): void {
    if (seq !== undefined) {
      if (seq <= state.last) {
        this.counters.dropped++;
        return;
      }
      // Still ahead only if the store could not supply the gap: deliver rather than hold forever.
      if (seq > state.last + 1) {
        this.options.log.warn({ room, seq, last: state.last }, "delivering past an unfilled gap");
      }
      state.last = seq;
    }
    this.options.deliver(room, item);
  }

  async #fill(room: string, state: RoomState<T>, upTo: number): Promise<void> {
    while (state.last < upTo && !state.closed) {
      const limit = Math.min(upTo - state.last, FILL_PAGE);
      const messages = await this.options.source.after(room, state.last, limit);
      if (messages.length === 0) return;
      for (const message of messages) {
        if (message.seq <= state.last) continue;
        state.last = message.seq;
        this.counters.gapFilled++;
        this.options.deliver(room, this.options.fromStore(message));
      }
    }
  }
}

/** The store as the sequencer's source of truth. */
export function storeSequenceSource(store: Pick<Store, "getRoom" | "after">): SequenceSource {
  return {
    head: async (room) => (await store.getRoom(room))?.seq ?? 0,
    after: (room, since, limit) => store.after(room, since, limit),
  };
}
