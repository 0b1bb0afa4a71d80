import type { Store } from "./Store.js";

/** The store calls on the message path, timed for the `/metrics` latency histogram. */
export const TIMED_STORE_OPS = ["append", "page", "after"] as const;
export type TimedStoreOp = (typeof TIMED_STORE_OPS)[number];

/**
 * The same store with `append`, `page` and `after` timed (seconds, failures included). A Proxy, not a
 * subclass or `Object.create`, so every other member runs on the real instance, private fields and all.
 */
export function timedStore<S extends Store>(
  store: S,
  observe: (op: TimedStoreOp, seconds: number) => void,
): S {
  const timed = new Map<PropertyKey, unknown>();
  for (const op of TIMED_STORE_OPS) {
    const call = store[op].bind(store) as (...args: unknown[]) => Promise<unknown>;
    timed.set(op, async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await call(...args);
      } finally {
        observe(op, (performance.now() - started) / 1000);
      }
    });
  }
  return new Proxy(store, {
    get(target, prop) {
      if (timed.has(prop)) return timed.get(prop);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
}
