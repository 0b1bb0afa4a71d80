const SETTLED: Promise<void> = Promise.resolve();

/** Sends of one peer that may wait on the same group commit (about one 64 KiB read of them). */
export const MAX_PIPELINED_SENDS = 16;

/**
 * The one queue of a peer's work. Frames are handled one at a time, in arrival order, so replies keep
 * the order of requests even though handlers are asynchronous. A pipelined frame (a chat `send`) only
 * submits its work in turn and hands its finish (ack, fan-out) to `finish`, which runs after the
 * commit, in the same order, while the peer's next frames are already read: a burst of sends then
 * shares one group commit. Any other frame waits for every pipelined finish before it, and a peer
 * gets at most MAX_PIPELINED_SENDS into one commit, so a flooder cannot fill everyone's.
 */
export class FrameQueue {
  // Undefined while nothing is queued: an idle peer keeps no settled promise.
  #tasks: Promise<void> | undefined;
  // The last pipelined finish still running; undefined when none is.
  #finishes: Promise<void> | undefined;
  #pipelined = 0;

  /** `onError` hears a task that threw; the queue goes on with the next one. */
  constructor(private readonly onError: (err: unknown, what: "task" | "finish") => void) {}

  /** Runs `task` after every task queued before it. A failing task never blocks later ones. */
  enqueue(task: () => Promise<void>): Promise<void> {
    const queued: Promise<void> = (this.#tasks ?? SETTLED)
      .then(task)
      .catch((err: unknown) => this.onError(err, "task"))
      .then(() => {
        if (this.#tasks === queued) this.#tasks = undefined;
      });
    this.#tasks = queued;
    return queued;
  }

  /**
   * Queues the handling of one frame: a `pipelined` one starts as soon as the frames before it were
   * handled (their finishes may still run); any other waits for every pipelined finish too.
   */
  frame(pipelined: boolean, handle: () => Promise<void>): Promise<void> {
    return this.enqueue(async () => {
      if (!pipelined || this.#pipelined >= MAX_PIPELINED_SENDS) await this.settled();
      await handle();
    });
  }

  /** Runs `finish` after every `finish` queued before it, without holding up the frames. */
  finish(finish: () => Promise<void>): void {
    this.#pipelined += 1;
    const queued: Promise<void> = (this.#finishes ?? SETTLED)
      .then(finish)
      .catch((err: unknown) => this.onError(err, "finish"))
      .then(() => {
        this.#pipelined -= 1;
        if (this.#finishes === queued) this.#finishes = undefined;
      });
    this.#finishes = queued;
  }

  /** Resolves when every finish queued so far has run. */
  settled(): Promise<void> {
    return this.#finishes ?? SETTLED;
  }

  /** Resolves when every queued task and every finish has run. */
  async drained(): Promise<void> {
    await (this.#tasks ?? SETTLED);
    await this.settled();
  }
}
