import { describe, expect, it } from "vitest";
import { FrameQueue, MAX_PIPELINED_SENDS, PAUSE_READS_AT, RESUME_READS_AT } from "./FrameQueue.js";

/** A promise the test resolves by hand: a commit that has not happened yet. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const quiet = () => new FrameQueue(() => undefined);

describe("FrameQueue", () => {
  it("runs tasks in order, past a failing one, and drains when all have run", async () => {
    const errors: unknown[] = [];
    const queue = new FrameQueue((err) => errors.push(err));
    const ran: number[] = [];
    void queue.enqueue(async () => {
      await Promise.resolve();
      ran.push(1);
    });
    void queue.enqueue(() => Promise.reject(new Error("boom")));
    void queue.enqueue(async () => {
      ran.push(3);
    });
    await queue.drained();
    expect(ran).toEqual([1, 3]);
    expect(errors).toHaveLength(1);
    void queue.enqueue(async () => {
      ran.push(4);
    });
    await queue.drained();
    expect(ran).toEqual([1, 3, 4]);
  });

  it("reads the next send while an earlier one waits for its commit, finishing in order", async () => {
    const queue = quiet();
    const commit = gate();
    const events: string[] = [];
    for (const n of [1, 2]) {
      const submit = async () => {
        events.push(`submit ${n}`);
        return async () => {
          await commit.opened;
          events.push(`ack ${n}`);
        };
      };
      void queue.enqueue(submit, true);
    }
    // A non-send frame (e.g. history) must answer after both acks.
    const history = queue.enqueue(async () => {
      events.push("history");
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["submit 1", "submit 2"]);
    commit.open();
    await history;
    expect(events).toEqual(["submit 1", "submit 2", "ack 1", "ack 2", "history"]);
  });

  it("holds a peer's sends past the pipelining bound until its earlier sends finished", async () => {
    const queue = quiet();
    const commit = gate();
    let submitted = 0;
    for (let i = 0; i <= MAX_PIPELINED_SENDS; i++) {
      const submit = async () => {
        submitted += 1;
        return () => commit.opened;
      };
      void queue.enqueue(submit, true);
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(submitted).toBe(MAX_PIPELINED_SENDS);
    commit.open();
    await queue.drained();
    expect(submitted).toBe(MAX_PIPELINED_SENDS + 1);
  });

  it("keeps finishing after a finish throws", async () => {
    const whats: string[] = [];
    const queue = new FrameQueue((_err, what) => whats.push(what));
    let ran = false;
    void queue.enqueue(async () => () => Promise.reject(new Error("commit failed")), true);
    void queue.enqueue(
      async () => async () => {
        ran = true;
      },
      true,
    );
    await queue.drained();
    expect(ran).toBe(true);
    expect(whats).toEqual(["finish"]);
  });

  it("counts as backlog every task read and not yet run, sends waiting behind a full commit included", async () => {
    const queue = quiet();
    const commit = gate();
    const total = MAX_PIPELINED_SENDS + 10;
    for (let i = 0; i < total; i++) {
      void queue.enqueue(async () => async () => commit.opened, true);
    }
    expect(queue.backlog).toBe(total);
    // The first MAX_PIPELINED_SENDS returned their finishes; the rest wait for that commit.
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.backlog).toBe(total - MAX_PIPELINED_SENDS);
    commit.open();
    await queue.drained();
    expect(queue.backlog).toBe(0);
  });

  it("tells its marks once when the backlog passes PAUSE_READS_AT and once when it falls to RESUME_READS_AT", async () => {
    const marks: string[] = [];
    const queue = new FrameQueue(() => undefined, {
      full: () => marks.push(`full at ${queue.backlog}`),
      drained: () => marks.push(`drained at ${queue.backlog}`),
    });
    const held = gate();
    for (let i = 0; i < PAUSE_READS_AT + 5; i++) void queue.enqueue(() => held.opened);
    expect(marks).toEqual([`full at ${PAUSE_READS_AT + 1}`]);
    held.open();
    await queue.drained();
    expect(marks).toEqual([`full at ${PAUSE_READS_AT + 1}`, `drained at ${RESUME_READS_AT}`]);
  });
});
