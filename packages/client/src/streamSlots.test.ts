import { describe, expect, it, vi } from "vitest";
import type { StreamingFetch } from "./sseSocket.js";
import { slottedFetch, streamSlots, type LockManagerLike } from "./streamSlots.js";

/**
 * Exclusive locks by name with the Web Locks semantics the slots rely on (`ifAvailable` answers
 * null at once; a queued request is granted in order on release, or rejected when its signal aborts).
 * Chromium's real `navigator.locks` is exercised by e2e/tests/sse-fallback.spec.ts.
 */
function locks(): LockManagerLike & { held(): string[] } {
  const holders = new Set<string>();
  const queues = new Map<string, (() => void)[]>();
  return {
    held: () => [...holders].sort(),
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const grant = () => {
          holders.add(name);
          void Promise.resolve(callback({ name })).finally(() => {
            holders.delete(name);
            resolve(undefined);
            queues.get(name)?.shift()?.();
          });
        };
        if (!holders.has(name)) return grant();
        if (options.ifAvailable) return void Promise.resolve(callback(null)).then(resolve);
        if (options.signal?.aborted) return reject(new Error("AbortError"));
        const queue = queues.get(name) ?? [];
        queues.set(name, queue);
        queue.push(grant);
        options.signal?.addEventListener("abort", () => {
          const i = queue.indexOf(grant);
          if (i >= 0) queue.splice(i, 1);
          reject(new Error("AbortError"));
        });
      });
    },
  };
}

describe("streamSlots", () => {
  it("grants `count` slots, then waits (and says so) until one is released", async () => {
    const lm = locks();
    const slots = streamSlots(lm, { count: 2 });
    const seen: boolean[] = [];
    slots.onChange((waiting) => seen.push(waiting));
    const first = await slots.acquire();
    await slots.acquire();
    expect(lm.held()).toEqual(["duplex-sse-slot-0", "duplex-sse-slot-1"]);
    let third = false;
    const waiting = slots.acquire().then(() => (third = true));
    await vi.waitFor(() => expect(slots.waiting).toBe(true));
    expect([third, slots.waiting, seen]).toEqual([false, true, [true]]);
    first();
    await waiting;
    expect([slots.waiting, seen]).toEqual([false, [true, false]]);
    expect(lm.held()).toEqual(["duplex-sse-slot-0", "duplex-sse-slot-1"]);
  });

  it("gives up waiting when the request is aborted, holding nothing", async () => {
    const lm = locks();
    const slots = streamSlots(lm, { count: 1 });
    await slots.acquire();
    const abort = new AbortController();
    const waiting = slots.acquire(abort.signal);
    await vi.waitFor(() => expect(slots.waiting).toBe(true));
    abort.abort();
    await expect(waiting).rejects.toThrow(/aborted/);
    expect(slots.waiting).toBe(false);
    abort.abort(); // already aborted before it could queue
    await expect(slots.acquire(abort.signal)).rejects.toThrow(/aborted/);
  });
});

describe("slottedFetch", () => {
  const streamOf = (chunks: number) => {
    let left = chunks;
    return {
      ok: true,
      status: 200,
      headers: { get: () => "text/event-stream" },
      json: () => Promise.resolve({}),
      body: {
        getReader: () => ({
          read: () =>
            Promise.resolve(
              left-- > 0 ? { done: false, value: new Uint8Array(1) } : { done: true },
            ),
        }),
      },
    };
  };

  it("holds a slot for a stream until its body ends; frame POSTs take none", async () => {
    const lm = locks();
    const inner: StreamingFetch = (_url, init) =>
      Promise.resolve(init.headers.accept === "text/event-stream" ? streamOf(1) : streamOf(0));
    const f = slottedFetch(inner, streamSlots(lm, { count: 1 }));
    await f("/sse/send", { method: "POST", headers: {} });
    expect(lm.held()).toEqual([]);
    const res = await f("/sse", { method: "POST", headers: { accept: "text/event-stream" } });
    expect(lm.held()).toEqual(["duplex-sse-slot-0"]);
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    expect(lm.held()).toEqual(["duplex-sse-slot-0"]);
    expect((await reader.read()).done).toBe(true);
    await Promise.resolve();
    expect(lm.held()).toEqual([]);
  });

  it("frees the slot when the stream is aborted or refused", async () => {
    const lm = locks();
    const slots = streamSlots(lm, { count: 1 });
    const refused: StreamingFetch = () =>
      Promise.resolve({ ...streamOf(0), ok: false, status: 503 });
    await slottedFetch(refused, slots)("/sse", {
      method: "POST",
      headers: { accept: "text/event-stream" },
    });
    await Promise.resolve();
    expect(lm.held()).toEqual([]);
    const abort = new AbortController();
    await slottedFetch(() => Promise.resolve(streamOf(5)), slots)("/sse", {
      method: "POST",
      headers: { accept: "text/event-stream" },
      signal: abort.signal,
    });
    expect(lm.held()).toEqual(["duplex-sse-slot-0"]);
    abort.abort();
    await Promise.resolve();
    expect(lm.held()).toEqual([]);
  });
});
