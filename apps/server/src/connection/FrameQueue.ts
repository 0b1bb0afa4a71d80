const SETTLED: Promise<void> = Promise.resolve();

/** Sends of one peer that may wait on the same group commit (about one 64 KiB read of them). */
export const MAX_PIPELINED_SENDS = 16;

/**
 * Frames a peer may have read and not yet handled before its socket stops reading (readPause.ts):
 * past this the kernel's buffers and TCP flow control hold the client's next frames, not this
 * process's memory. Reading resumes at {@link RESUME_READS_AT}. A saturated server then works at its
 * peak rate instead of spending its core on a growing queue (and on collecting it).
 */
export const PAUSE_READS_AT = 64;
export const RESUME_READS_AT = 16;

/** What the queue tells its socket as its backlog crosses the marks (readPause.ts). */
export interface BacklogMarks {
  /** The backlog went past {@link PAUSE_READS_AT}: stop reading. */
  full(): void;
  /** The backlog fell to {@link RESUME_READS_AT}: read again. */
  drained(): void;
}

/** The second half of a pipelined frame: what runs after its commit (a `send`'s ack and fan-out). */
export type Finish = () => Promise<void>;

/**
 * The one queue of a peer's work. Frames (and the timers and closes that answer in turn) are handled
 * one at a time, in arrival order, so replies keep the order of requests even though handlers are
 * asynchronous. A pipelined frame (a chat `send`) only submits its work in turn and returns its
 * finish (ack, fan-out); the queue runs that after the commit, in the same order, while the peer's
 * next frames are already read: a burst of sends then shares one group commit. Any other frame waits
 * for every pipelined finish before it, and a peer gets at most MAX_PIPELINED_SENDS into one commit,
 * so a flooder cannot fill everyone's.
 */
export class FrameQueue {
  // Undefined while nothing is queued: an idle peer keeps no settled promise.
  #tasks: Promise<void> | undefined;
  // The last pipelined finish still running; undefined when none is.
  #finishes: Promise<void> | undefined;
  #pipelined = 0;
  #backlog = 0;

  /**
   * `onError` hears a task or a finish that threw; the queue goes on with the next one. `marks` hears
   * the backlog cross {@link PAUSE_READS_AT} upwards and {@link RESUME_READS_AT} downwards.
   */
  constructor(
    private readonly onError: (err: unknown, what: "task" | "finish") => void,
    private readonly marks?: BacklogMarks,
  ) {}

  /**
   * Runs `task` after every task queued before it (a failing task never blocks later ones), and,
   * unless it is a `pipelined` frame (a chat `send`), after every pipelined finish queued before it
   * too: a reply, a close or a timer's frame never overtakes an earlier send's ack. A pipelined one
   * starts as soon as the tasks before it ran, unless MAX_PIPELINED_SENDS already wait for a commit.
   * The finish a task returns runs after every finish before it, without holding up the next tasks.
   */
  enqueue(task: () => Promise<void | Finish>, pipelined = false): Promise<void> {
    if (++this.#backlog === PAUSE_READS_AT + 1) this.marks?.full();
    const queued: Promise<void> = (this.#tasks ?? SETTLED)
      .then(async () => {
        if (!pipelined || this.#pipelined >= MAX_PIPELINED_SENDS) await this.settled();
        const finish = await task();
        if (finish === undefined) return;
        this.#pipelined += 1;
        const finished: Promise<void> = (this.#finishes ?? SETTLED)
          .then(finish)
          .catch((err: unknown) => this.onError(err, "finish"))
          .then(() => {
            this.#pipelined -= 1;
            if (this.#finishes === finished) this.#finishes = undefined;
          });
        this.#finishes = finished;
      })
      .catch((err: unknown) => this.onError(err, "task"))
      .then(() => {
        if (--this.#backlog === RESUME_READS_AT) this.marks?.drained();
        if (this.#tasks === queued) this.#tasks = undefined;
      });
    this.#tasks = queued;
    return queued;
  }

  /** Tasks queued and not yet run to their end (a pipelined one ends when it returns its finish). */
  get backlog(): number {
    return this.#backlog;
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
