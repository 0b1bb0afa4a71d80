import type { ChatMessage, ServerMessageOf } from "@duplex/protocol";
import type { LinkedThread } from "../store/ThreadStore.js";

/** A message just committed (not a duplicate), as every after-commit step sees it. */
export interface StoredMessage {
  message: ChatMessage;
  /** The `message` frame for the room's sockets (guest author marked, reply quote attached). */
  frame: ServerMessageOf<"message">;
  /** The thread it was linked to, if it is a thread reply. */
  thread?: LinkedThread;
}

export interface AfterCommitStep<T> {
  /** For readers and tests: what the step does. */
  name: string;
  /**
   * Runs in the message's commit order (the room publish). Only the first step may: later steps must
   * not hold back the next message's publish.
   */
  inCommitOrder?: boolean;
  run(item: T): void | Promise<void>;
}

/**
 * One message's place in its room's publish order, taken (`reserve`) when its append is submitted.
 * It holds what its publish needs, so a turn costs no closures.
 */
export interface Turn<T> {
  readonly room: string;
  /** Settled: ready to publish (`item` set) or given up (`item` undefined). */
  settled: boolean;
  /** Its head-of-line wait ran out: published whenever it is ready, out of order. */
  late: boolean;
  item: T | undefined;
  resolve: (() => void) | undefined;
  reject: ((err: unknown) => void) | undefined;
}

interface RoomQueue<T> {
  turns: Turn<T>[];
  /** When the head first held back a turn behind it that was ready, or undefined. */
  blockedSince: number | undefined;
}

/**
 * How long a send still finishing may hold back the publish of later ones in its room. Past this the
 * later ones go out and the receiving sequencer fills the gap from the store, as it would across nodes.
 * @default 100
 */
export const STALL_MS = 100;

/**
 * The one ordered list of what happens after a message is committed and acked (publish, then the
 * directory, invites, notifications…), wired in `startServer`. Steps run one after the other; a step
 * that throws stops the list and the caller answers the failure.
 *
 * The first step (the publish) runs in its room's commit order: a send `reserve`s its turn when its
 * append is submitted, and `run` publishes it only after every earlier turn of the room. On one node
 * that is seq order (group commit keeps the order of submission), so the room sequencer never sees a
 * gap it must read from the store: without this, sockets that finish their sends on their own promise
 * chains would publish seq 6 before seq 5 whenever the first socket has an earlier send still finishing.
 */
export class AfterCommit<T> {
  readonly steps: readonly AfterCommitStep<T>[];
  readonly #rooms = new Map<string, RoomQueue<T>>();
  #sweep: ReturnType<typeof setInterval> | undefined;

  constructor(
    steps: readonly AfterCommitStep<T>[],
    private readonly now: () => number = Date.now,
  ) {
    const ordered = steps.findIndex((s, i) => i > 0 && s.inCommitOrder === true);
    if (ordered !== -1) {
      throw new Error(
        `after-commit step ${steps[ordered]?.name}: only the first runs in commit order`,
      );
    }
    this.steps = steps;
  }

  /** Takes the next place in `room`'s publish order: call when the append is submitted. */
  reserve(room: string): Turn<T> {
    const turn: Turn<T> = {
      room,
      settled: false,
      late: false,
      item: undefined,
      resolve: undefined,
      reject: undefined,
    };
    const queue = this.#rooms.get(room);
    if (queue) queue.turns.push(turn);
    else this.#rooms.set(room, { turns: [turn], blockedSince: undefined });
    return turn;
  }

  /** Runs every step for `item`; the commit-ordered one in `turn`'s place (now, without a turn). */
  async run(item: T, turn?: Turn<T>): Promise<void> {
    for (const step of this.steps) {
      // Most steps are synchronous: no microtask turn per step and send for them.
      const done =
        step.inCommitOrder === true && turn !== undefined
          ? this.#inTurn(turn, item)
          : step.run(item);
      if (done instanceof Promise) await done;
    }
  }

  /** Gives `turn` up (refused, failed, or a duplicate: nothing to publish). Idempotent. */
  skip(turn: Turn<T>): void {
    if (turn.settled || turn.late) return;
    turn.settled = true;
    turn.item = undefined;
    const queue = this.#rooms.get(turn.room);
    if (queue) this.#drain(turn.room, queue);
  }

  /** Rooms with a turn still waiting (tests). */
  get pendingRooms(): number {
    return this.#rooms.size;
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  /**
   * The commit-ordered step for `item`: at once when `turn` is its room's next (the usual case: no
   * promise, no hand-off), then the turns that were waiting behind it; otherwise `#drain` runs it when
   * the turns before it have gone.
   */
  #inTurn(turn: Turn<T>, item: T): void | Promise<void> {
    const queue = this.#rooms.get(turn.room);
    const next = queue?.turns[0] === turn;
    if (queue && !next && !turn.late) {
      return new Promise<void>((resolve, reject) => {
        turn.settled = true;
        turn.item = item;
        turn.resolve = resolve;
        turn.reject = reject;
        this.#drain(turn.room, queue);
      });
    }
    turn.settled = true;
    if (next) {
      queue.turns.shift();
      queue.blockedSince = undefined; // a new head: its own wait starts when it holds others back
    }
    try {
      return this.steps[0]?.run(item);
    } finally {
      // After this turn's publish, so the ones behind it keep their order.
      if (next) this.#drain(turn.room, queue);
    }
  }

  /** Runs the commit-ordered step for a turn whose time has come; settles its `run`. */
  #publish(turn: Turn<T>): void {
    const { item, resolve, reject } = turn;
    turn.item = undefined;
    if (item === undefined || resolve === undefined || reject === undefined) return;
    try {
      const done = this.steps[0]?.run(item);
      if (done instanceof Promise) done.then(resolve, reject);
      else resolve();
    } catch (err) {
      reject(err);
    }
  }

  /** Publishes the ready turns at the head; notes when ready turns are held back by an unready one. */
  #drain(room: string, queue: RoomQueue<T>): void {
    const { turns } = queue;
    let done = 0;
    for (let head = turns[0]; head?.settled === true; head = turns[done]) {
      this.#publish(head);
      done++;
    }
    if (done > 0) turns.splice(0, done);
    if (turns.length === 0) {
      this.#rooms.delete(room);
      return;
    }
    if (!turns.some((t) => t.settled)) {
      queue.blockedSince = undefined;
    } else if (done > 0 || queue.blockedSince === undefined) {
      queue.blockedSince = this.now(); // a new head holds them back: its own wait starts now
      this.#sweep ??= setInterval(() => this.#releaseStalled(), STALL_MS / 2);
      this.#sweep.unref();
    }
  }

  #releaseStalled(): void {
    const now = this.now();
    for (const [room, queue] of this.#rooms) {
      if (queue.blockedSince === undefined || now - queue.blockedSince < STALL_MS) continue;
      const head = queue.turns.shift();
      if (head) head.late = true;
      this.#drain(room, queue);
    }
    if (![...this.#rooms.values()].some((q) => q.blockedSince !== undefined)) this.close();
  }
}
