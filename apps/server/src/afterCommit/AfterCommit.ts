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

/** Runs a publish in its message's commit order (see handlers/commitOrder.ts); by default: now. */
export type InCommitOrder = (publish: () => Promise<void>) => Promise<void>;

const now: InCommitOrder = (publish) => publish();

/**
 * The one ordered list of what happens after a message is committed and acked (publish, then the
 * directory, invites, notifications…), wired in `startServer`. Steps run one after the other; a step
 * that throws stops the list and the caller answers the failure.
 */
export class AfterCommit<T> {
  readonly steps: readonly AfterCommitStep<T>[];

  constructor(steps: readonly AfterCommitStep<T>[]) {
    const ordered = steps.findIndex((s, i) => i > 0 && s.inCommitOrder === true);
    if (ordered !== -1) {
      throw new Error(
        `after-commit step ${steps[ordered]?.name}: only the first runs in commit order`,
      );
    }
    this.steps = steps;
  }

  async run(item: T, inCommitOrder: InCommitOrder = now): Promise<void> {
    for (const step of this.steps) {
      if (step.inCommitOrder === true) await inCommitOrder(async () => step.run(item));
      else await step.run(item);
    }
  }
}
