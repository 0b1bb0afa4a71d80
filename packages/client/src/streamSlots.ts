import type { StreamingFetch } from "./sseSocket.js";

/** The part of the Web Locks API (`navigator.locks`) the slots use; injectable for tests. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void> | void,
  ): Promise<unknown>;
}

/**
 * A browser keeps at most six HTTP/1.1 connections per host, shared by all its tabs, and an SSE
 * stream holds one for as long as it is open. Streams take one of `count` slots (Web Locks, so
 * every tab of the origin sees the same slots and a closed or crashed tab frees its slot at once);
 * the connections left over carry the POSTs. A stream that finds no free slot waits for one and
 * says so (`waiting`), instead of queueing unseen in the browser behind the other tabs' streams.
 */
export interface StreamSlots {
  /** How many streams the tabs of this origin may hold at once. */
  readonly count: number;
  /** Whether a stream of this tab is waiting for a slot. */
  readonly waiting: boolean;
  /** Called with `waiting` whenever it changes; returns the unsubscribe. */
  onChange(listener: (waiting: boolean) => void): () => void;
  /** Resolves with the slot's release once this tab may open a stream; rejects when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/** Four streams, two connections left for the POSTs (sends, pings) and the page's own requests. */
export const DEFAULT_STREAM_SLOTS = 4;

export function streamSlots(
  locks: LockManagerLike,
  { count = DEFAULT_STREAM_SLOTS, prefix = "duplex-sse-slot" } = {},
): StreamSlots {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const listeners = new Set<(waiting: boolean) => void>();
  let waiters = 0;
  const setWaiters = (n: number) => {
    const was = waiters > 0;
    waiters = n;
    if (was !== waiters > 0) for (const listener of listeners) listener(waiters > 0);
  };

  /** Requests one lock; resolves with its release once granted, or null if not (`ifAvailable`, abort). */
  const hold = (
    name: string,
    options: { ifAvailable?: boolean; signal?: AbortSignal },
  ): Promise<(() => void) | null> =>
    new Promise((resolve) => {
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      locks
        .request(name, options, (lock) => {
          if (lock === null) return resolve(null);
          resolve(release);
          return held;
        })
        .catch(() => resolve(null)); // aborted while queued
    });

  const acquire = async (signal?: AbortSignal): Promise<() => void> => {
    for (const name of names) {
      if (signal?.aborted) throw abortError();
      const release = await hold(name, { ifAvailable: true });
      if (release !== null) return once(release);
    }
    // Every slot is taken: queue for all of them and keep the first one granted.
    if (signal?.aborted) throw abortError();
    setWaiters(waiters + 1);
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      let won: (() => void) | undefined;
      await new Promise<void>((resolve, reject) => {
        let pending = names.length;
        for (const name of names) {
          void hold(name, { signal: stop.signal }).then((release) => {
            pending -= 1;
            if (release !== null && won === undefined) {
              won = once(release);
              stop.abort();
              resolve();
            } else if (release !== null) {
              release(); // granted in the same instant as the winner: give it back
            } else if (pending === 0 && won === undefined) {
              reject(abortError());
            }
          });
        }
      });
      return won!;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      setWaiters(waiters - 1);
    }
  };

  return {
    count,
    get waiting() {
      return waiters > 0;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    acquire,
  };
}

/**
 * `fetch` for the SSE transport where every stream request (`accept: text/event-stream`) first
 * takes a slot and holds it until its body ends, fails or is aborted; POSTs of frames pass at once.
 */
export function slottedFetch(inner: StreamingFetch, slots: StreamSlots): StreamingFetch {
  return async (url, init) => {
    if (init.headers.accept !== "text/event-stream") return inner(url, init);
    const release = await slots.acquire(init.signal);
    init.signal?.addEventListener("abort", release, { once: true });
    let res: Awaited<ReturnType<StreamingFetch>>;
    try {
      res = await inner(url, init);
    } catch (err) {
      release();
      throw err;
    }
    const streaming = (res.headers?.get("content-type") ?? "").includes("text/event-stream");
    if (!res.ok || res.body === null || !streaming) {
      release();
      return res;
    }
    const body = res.body;
    return {
      ok: res.ok,
      status: res.status,
      headers: res.headers,
      json: () => res.json(),
      body: {
        getReader() {
          const reader = body.getReader();
          return {
            async read() {
              try {
                const chunk = await reader.read();
                if (chunk.done) release();
                return chunk;
              } catch (err) {
                release();
                throw err;
              }
            },
          };
        },
      },
    };
  };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function abortError(): Error {
  const err = new Error("aborted while waiting for a stream slot");
  err.name = "AbortError";
  return err;
}
