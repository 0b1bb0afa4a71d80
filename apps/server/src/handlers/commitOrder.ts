/** One message's place in its room's publish order; `publish` is set once the send has finished. */
export interface Turn {
  publish: (() => void) | null | undefined;
  /** Its head-of-line wait ran out: published whenever it is ready, out of order. */
  late: boolean;
}

interface RoomQueue {
  turns: Turn[];
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
 * Publishes a node's chat messages per room in the order their appends were submitted. On one node
 * that is seq order (group commit keeps the order of submission), so the room sequencer never sees a
 * gap it must read from the store: without this, sockets that finish their sends on their own promise
 * chains publish seq 6 before seq 5 whenever the first socket has an earlier send still finishing.
 */
export class CommitOrder {
  readonly #rooms = new Map<string, RoomQueue>();
  #sweep: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes the next place in `room`'s order: call when the append is submitted. */
  reserve(room: string): Turn {
    const turn: Turn = { publish: undefined, late: false };
    const queue = this.#rooms.get(room);
    if (queue) queue.turns.push(turn);
    else this.#rooms.set(room, { turns: [turn], blockedSince: undefined });
    return turn;
  }

  /** Runs `publish` in `turn`'s place (now, if every earlier turn is done); resolves with it. */
  publish(room: string, turn: Turn, publish: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const run = () => {
        publish().then(resolve, reject);
      };
      if (turn.late) run();
      else this.#settle(room, turn, run);
    });
  }

  /** Gives `turn` up (refused, failed, or a duplicate: nothing to publish). Idempotent. */
  skip(room: string, turn: Turn): void {
    if (turn.publish === undefined && !turn.late) this.#settle(room, turn, null);
  }

  /** Rooms with a turn still waiting (tests). */
  get pendingRooms(): number {
    return this.#rooms.size;
  }

  close(): void {
    clearInterval(this.#sweep);
    this.#sweep = undefined;
  }

  #settle(room: string, turn: Turn, publish: (() => void) | null): void {
    turn.publish = publish;
    const queue = this.#rooms.get(room);
    if (queue) this.#drain(room, queue);
  }

  /** Publishes the ready turns at the head; notes when ready turns are held back by an unready one. */
  #drain(room: string, queue: RoomQueue): void {
    const { turns } = queue;
    let done = 0;
    while (done < turns.length && turns[done]?.publish !== undefined) {
      turns[done]?.publish?.();
      done++;
    }
    if (done > 0) turns.splice(0, done);
    if (turns.length === 0) {
      this.#rooms.delete(room);
      return;
    }
    if (!turns.some((t) => t.publish !== undefined)) {
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
