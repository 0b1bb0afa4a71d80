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
  run(item: T): void | Promise<void>;
}

/**
 * The one ordered list of what happens after a message is committed and acked (publish, then the
 * directory, invites, notifications…), wired in `startServer`. Steps run one after the other; a step
 * that throws stops the list and the caller answers the failure.
 *
 * No step orders one message against another: senders finish on their own queues, and the room's
 * sequencer (fanout/roomSequencer.ts) delivers each room's messages in seq order on every node.
 */
export class AfterCommit<T> {
  constructor(readonly steps: readonly AfterCommitStep<T>[]) {}

  /** Runs every step for `item`, in order. */
  async run(item: T): Promise<void> {
    for (const step of this.steps) {
      // Most steps are synchronous: no microtask turn per step and send for them.
      const done = step.run(item);
      if (done instanceof Promise) await done;
    }
  }
}
