import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RetryQueue, type AttemptResult } from "./RetryQueue.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const options = {
  maxJobs: 3,
  concurrency: 1,
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  random: () => 0.5,
};

/** An attempt function answering from a script per job, recording when each attempt ran. */
function scripted(script: Record<string, AttemptResult[]>) {
  const runs: string[] = [];
  const attempt = async (job: string, n: number): Promise<AttemptResult> => {
    runs.push(`${job}#${n}@${Date.now()}`);
    return script[job]?.[n - 1] ?? { done: true };
  };
  return { runs, attempt };
}

describe("RetryQueue", () => {
  it("retries a failed job with a doubling, jittered backoff and gives up after maxAttempts", async () => {
    vi.setSystemTime(0);
    const fail = { done: false } as const;
    const { runs, attempt } = scripted({ a: [fail, fail, fail, fail] });
    const givenUp: string[] = [];
    const queue = new RetryQueue(attempt, options, {
      onGivenUp: (job, why) => givenUp.push(`${job}:${why}`),
    });
    queue.push("a");
    await vi.runAllTimersAsync();
    // Waits of 0.5 × 1 s, 0.5 × 2 s, 0.5 × 4 s (random() = 0.5).
    expect(runs).toEqual(["a#1@0", "a#2@500", "a#3@1500", "a#4@3500"]);
    expect(givenUp).toEqual(["a:attempts"]);
    expect(queue.size).toBe(0);
  });

  it("waits at least the service's Retry-After, but never longer than maxDelayMs", async () => {
    vi.setSystemTime(0);
    const { runs, attempt } = scripted({
      a: [
        { done: false, retryAfterMs: 7_000 },
        { done: false, retryAfterMs: 60_000 },
      ],
    });
    const queue = new RetryQueue(attempt, options);
    queue.push("a");
    await vi.runAllTimersAsync();
    expect(runs).toEqual(["a#1@0", "a#2@7000", "a#3@17000"]);
  });

  it("holds at most maxJobs, refusing more until some finish", async () => {
    const { attempt } = scripted({ a: [{ done: false }] });
    const givenUp: string[] = [];
    const queue = new RetryQueue(attempt, options, {
      onGivenUp: (job, why) => givenUp.push(`${job}:${why}`),
    });
    expect([queue.push("a"), queue.push("b"), queue.push("c"), queue.push("d")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(givenUp).toEqual(["d:full"]);
    await vi.runAllTimersAsync();
    expect(queue.size).toBe(0);
    expect(queue.push("e")).toBe(true);
  });

  it("runs at most `concurrency` attempts at once", async () => {
    let running = 0;
    let peak = 0;
    const queue = new RetryQueue(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running -= 1;
        return { done: true };
      },
      { ...options, maxJobs: 10, concurrency: 2 },
    );
    for (let i = 0; i < 6; i++) queue.push(`j${i}`);
    await vi.runAllTimersAsync();
    await queue.idle();
    expect(peak).toBe(2);
  });

  it("counts a throwing attempt as a failed one and keeps going", async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const queue = new RetryQueue(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error("store down");
        return { done: true };
      },
      options,
      { onError: (_job, err) => errors.push(err) },
    );
    queue.push("a");
    await vi.runAllTimersAsync();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it("on close gives up the jobs waiting to retry and refuses new ones", async () => {
    const { attempt } = scripted({ a: [{ done: false }] });
    const givenUp: string[] = [];
    const queue = new RetryQueue(attempt, options, {
      onGivenUp: (job, why) => givenUp.push(`${job}:${why}`),
    });
    queue.push("a");
    await vi.advanceTimersByTimeAsync(0);
    await queue.close();
    expect(givenUp).toEqual(["a:closed"]);
    expect(queue.push("b")).toBe(false);
    expect(queue.size).toBe(0);
  });
});
