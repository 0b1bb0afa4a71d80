import type { ChatMessage } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import type { SequenceSource } from "./storeSequenceSource.js";
export type { SequenceSource };

export interface RoomSequencerOptions<T> {
  source: SequenceSource;
  /** Hands one item to the room's local sockets, in order. */
  deliver(room: string, item: T): void;
  /** The item for a message read from the store to fill a gap. */
  fromStore(message: ChatMessage): T;
  log: Logger;
  /**
   * How long a jump waits for the skipped seqs to arrive from the broker before reading them from
   * the store. Across nodes, two commits of one room are published by different nodes and may reach
   * Redis in the opposite order; waiting a moment turns that reorder into no store read at all.
   * @default 0 (fill at once)
   */
  gapGraceMs?: number;
  /** Whether publishes can arrive at all now (no grace while the broker is down). @default always */
  brokerUp?: () => boolean;
}

/** What the sequencer counts, for logs and `/metrics`. */
export interface SequencerCounters {
  /** Messages read from the store because the broker skipped them. */
  gapFilled: number;
  /** Broker deliveries dropped as already delivered (duplicates, late arrivals). */
  dropped: number;
  /** Jumps closed by later broker deliveries within the grace (reordered, not lost). */
  reordered: number;
}

type Item<T> =
  { kind: "item"; seq: number | undefined; item: T } | { kind: "catchUp"; settledOnly: boolean };

interface RoomState<T> {
  last: number;
  queue: Item<T>[];
  busy: boolean;
  closed: boolean;
  ready: Promise<void>;
  /** Called after every queued item while a jump waits for its grace. */
  onQueued: (() => void) | undefined;
  /** A grace ran out with seqs still missing (real loss): no grace again before this time. */
  noGraceUntil: number;
  /** The seqs the last expired grace read from the store, until one of them arrives late after all. */
  filledAfterGrace: { from: number; upTo: number } | undefined;
  /** The store's head at the previous settled check: what has had a whole interval to be published. */
  settledHead: number;
}

const FILL_PAGE = 500;
/** How long a room fills jumps at once after a grace found a real loss. */
const LOSSY_MS = 1_000;
/** The longest a grace grows to when the broker's copies keep arriving after it ran out. */
const MAX_GRACE_MS = 1_000;
/** A grown grace halves back towards the configured one after this long without a late copy. */
const GRACE_DECAY_MS = 10_000;

/**
 * Treats the broker as a hint: per room it delivers `seq == last + 1`, drops `seq <= last`,
 * and on a jump reads the missing messages from the store before delivering. Unsequenced items
 * (presence, typing, edits) keep their place in the same per-room order. `catchUp` reads the store's
 * head, which recovers the tail of a burst whose publishes were lost (broker reset, node death between
 * commit and publish).
 */
export class RoomSequencer<T> {
  readonly counters: SequencerCounters = { gapFilled: 0, dropped: 0, reordered: 0 };
  readonly #rooms = new Map<string, RoomState<T>>();

  // Doubled each time a seq read from the store after a grace arrives from the broker after all.
  #graceMs: number;
  #graceGrownAt = 0;

  constructor(private readonly options: RoomSequencerOptions<T>) {
    this.#graceMs = options.gapGraceMs ?? 0;
  }

  /** How long a jump waits for the broker now (the configured grace, or more after late copies). */
  get graceMs(): number {
    const base = this.options.gapGraceMs ?? 0;
    if (this.#graceMs > base && Date.now() - this.#graceGrownAt > GRACE_DECAY_MS) {
      this.#graceMs = Math.max(base, this.#graceMs / 2);
      this.#graceGrownAt = Date.now();
    }
    return this.#graceMs;
  }

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
      onQueued: undefined,
      noGraceUntil: 0,
      filledAfterGrace: undefined,
      settledHead: 0,
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
      // The common case, synchronous: the next one (or unsequenced) goes out, a repeat is dropped.
      if (seq === undefined || seq === state.last + 1) {
        if (seq !== undefined) state.last = seq;
        this.options.deliver(room, item);
      } else this.#dropped(state, seq);
      return;
    }
    state.queue.push({ kind: "item", seq, item });
    state.onQueued?.();
    this.#kick(room, state);
  }

  /** Delivers whatever the store has beyond what this node delivered, for every open room. */
  catchUpAll(): void {
    this.#queueCatchUp(false);
  }

  /**
   * The periodic check: delivers from the store only what was already committed at the previous
   * check. A message committed just now is still on its way through the broker (and on Postgres its
   * reply or thread link is written right after its commit): read early, it could go out without
   * them. A publish that was really lost is delivered within two intervals.
   */
  catchUpSettled(): void {
    this.#queueCatchUp(true);
  }

  #queueCatchUp(settledOnly: boolean): void {
    for (const [room, state] of this.#rooms) {
      if (state.queue.some((i) => i.kind === "catchUp")) continue;
      state.queue.push({ kind: "catchUp", settledOnly });
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
          const head = await this.options.source.head(room);
          const upTo = next.settledOnly ? Math.min(head, state.settledHead) : head;
          if (next.settledOnly) state.settledHead = head;
          await this.#fill(room, state, upTo);
        } else if (next.seq !== undefined && next.seq > state.last + 1) {
          if (await this.#awaitSkipped(state, next.seq))
            this.#deliverQueuedBelow(room, state, next.seq);
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

  /**
   * With a grace: resolves true once the queue holds every seq between `last` and `seq`, or after the
   * grace (the queued ones go first, the rest from the store).
   */
  async #awaitSkipped(state: RoomState<T>, seq: number): Promise<boolean> {
    const graceMs = this.graceMs;
    if (graceMs <= 0 || this.options.brokerUp?.() === false) return false;
    // While publishes are being lost, every jump would wait the full grace: fill at once instead.
    if (Date.now() < state.noGraceUntil) return false;
    const complete = () => {
      const queued = new Set<number>();
      for (const i of state.queue) if (i.kind === "item" && i.seq !== undefined) queued.add(i.seq);
      for (let s = state.last + 1; s < seq; s++) if (!queued.has(s)) return false;
      return true;
    };
    if (complete()) return true;
    await new Promise<void>((resolve) => {
      let settled = false;
      const done = () => {
        settled = true;
        clearTimeout(timer);
        state.onQueued = undefined;
        resolve();
      };
      // Judged after the I/O that waited behind the timer: a busy loop can fire it while the missing
      // publishes sit unread in the broker's socket, and that is no loss to read the store for.
      const timer = setTimeout(() => {
        setImmediate(() => {
          if (settled) return;
          if (!complete() && !state.closed) {
            state.noGraceUntil = Date.now() + LOSSY_MS;
            state.filledAfterGrace = { from: state.last, upTo: seq - 1 };
          }
          done();
        });
      }, graceMs);
      state.onQueued = () => {
        if (complete() || state.closed) done();
      };
    });
    return true;
  }

  /** Delivers the queued items that close the jump below `seq`, in seq order, while they run on. */
  #deliverQueuedBelow(room: string, state: RoomState<T>, seq: number): void {
    const below = state.queue
      .filter((i): i is Extract<Item<T>, { kind: "item" }> => i.kind === "item")
      .filter((i) => i.seq !== undefined && i.seq > state.last && i.seq < seq)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    for (const item of below) {
      if (item.seq !== state.last + 1) break;
      state.queue.splice(state.queue.indexOf(item), 1);
      this.counters.reordered++;
      this.#deliverInOrder(room, state, item.seq, item.item);
    }
  }

  /** A repeat; if it is one the store supplied after a grace ran out, that grace was too short. */
  #dropped(state: RoomState<T>, seq: number): void {
    this.counters.dropped++;
    const filled = state.filledAfterGrace;
    if (filled === undefined || seq <= filled.from || seq > filled.upTo) return;
    state.filledAfterGrace = undefined;
    state.noGraceUntil = 0;
    this.#graceMs = Math.min(MAX_GRACE_MS, Math.max(1, this.#graceMs) * 2);
    this.#graceGrownAt = Date.now();
  }

  #deliverInOrder(room: string, state: RoomState<T>, seq: number | undefined, item: T): void {
    if (seq !== undefined) {
      if (seq <= state.last) {
        this.#dropped(state, seq);
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
