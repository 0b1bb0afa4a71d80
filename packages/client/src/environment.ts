import type {
  FetchLike,
  KeyValueStorage,
  OnlineSource,
  Timers,
  WebSocketConstructor,
} from "./types.js";

/** Real timers, looked up at call time so test frameworks that patch the globals still apply. */
export const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

interface BrowserLikeGlobal {
  navigator?: { onLine?: boolean };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
}

/** `navigator.onLine` plus the window's `online`/`offline` events where they exist; else always online. */
export function defaultOnlineSource(): OnlineSource {
  const g = globalThis as BrowserLikeGlobal;
  const add = g.addEventListener;
  const remove = g.removeEventListener;
  if (typeof g.navigator?.onLine !== "boolean" || add === undefined || remove === undefined) {
    return { isOnline: () => true, subscribe: () => () => undefined };
  }
  return {
    isOnline: () => g.navigator?.onLine !== false,
    subscribe(listener) {
      const up = (): void => listener(true);
      const down = (): void => listener(false);
      add.call(globalThis, "online", up);
      add.call(globalThis, "offline", down);
      return () => {
        remove.call(globalThis, "online", up);
        remove.call(globalThis, "offline", down);
      };
    },
  };
}

/** The global `fetch`, bound (browsers throw on an unbound call), or undefined where there is none. */
export function defaultFetch(): FetchLike | undefined {
  const f = (globalThis as { fetch?: FetchLike }).fetch;
  return typeof f === "function" ? (url) => f.call(globalThis, url) : undefined;
}

/** A storage that forgets on reload: the default when none is injected. */
export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

export function defaultWebSocket(): WebSocketConstructor {
  const ctor = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (ctor === undefined) {
    throw new TypeError(
      "no global WebSocket: pass the `WebSocket` option (e.g. from the `ws` package)",
    );
  }
  return ctor;
}

/** A fresh unique id for a message's `cid`. */
export function randomId(random: () => number): string {
  const uuid = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto?.randomUUID;
  if (uuid !== undefined) return uuid.call(globalThis.crypto);
  return `c${Date.now().toString(36)}${Math.floor(random() * 2 ** 52).toString(36)}`;
}

/**
 * `value`'s fields when it is an object whose named fields have those `typeof` types, else
 * `undefined`: the hand-written check of stored or fetched JSON (zod loads only lazily).
 */
export function fieldsOf(
  value: unknown,
  types: Readonly<Record<string, "string" | "number" | "boolean">>,
): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  return Object.entries(types).every(([key, type]) => typeof fields[key] === type)
    ? fields
    : undefined;
}

/** Reads JSON from storage; corrupt or missing data reads as `undefined`, never throws. */
export function readJson(storage: KeyValueStorage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes JSON; a full or unavailable storage must not break the connection. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch (error) {
    console.warn(`duplex client: could not persist ${key}`, error);
  }
}
