import { afterEach, beforeEach, vi } from "vitest";
import type { ConnectionState, KeyValueStorage, OnlineSource } from "../src/types.js";
import type { DuplexClientOptions } from "../src/options.js";
import { DuplexClient } from "../src/DuplexClient.js";
import { memoryStorage } from "../src/environment.js";
import { FakePeer } from "../src/fakePeer.js";

/** Lets every queued microtask (fake socket events, promise continuations) run. */
export async function flush(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
}

/** Advances fake time and runs what that triggers. */
export async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

export interface ControllableOnline extends OnlineSource {
  set(online: boolean): void;
}

export function controllableOnline(initial = true): ControllableOnline {
  let online = initial;
  const listeners = new Set<(up: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      online = next;
      for (const l of [...listeners]) l(next);
    },
  };
}

export interface Harness {
  peer: FakePeer;
  client: DuplexClient;
  storage: KeyValueStorage;
  online: ControllableOnline;
  states: ConnectionState[];
  delivered: Map<string, { seq: number; text: string; reset: boolean }[]>;
}

/** A client wired to a fake peer under fake timers, recording its states and delivered messages. */
export function harness(
  overrides: Partial<DuplexClientOptions> = {},
  shared: { peer?: FakePeer; storage?: KeyValueStorage } = {},
): Harness {
  const peer = shared.peer ?? new FakePeer();
  const storage = shared.storage ?? memoryStorage();
  const online = controllableOnline();
  const client = new DuplexClient({
    url: "ws://fake/ws",
    name: "alice",
    WebSocket: peer.WebSocket,
    storage,
    online,
    random: () => 0.5,
    ...overrides,
  });
  const states: ConnectionState[] = [];
  const delivered: Harness["delivered"] = new Map();
  client.on("state", (s) => states.push(s));
  client.on("roomMessages", (room, messages, reset) => {
    const list = delivered.get(room) ?? [];
    if (reset) list.length = 0;
    for (const m of messages) list.push({ seq: m.seq, text: m.text, reset });
    delivered.set(room, list);
  });
  return { peer, client, storage, online, states, delivered };
}

/** Every test of the calling file runs under fake timers, restored to real ones afterwards. */
export function useFakeTimersPerTest(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** A harness whose client has connected and joined `room` (the common start of a test). */
export async function inRoom(
  room = "general",
  ...args: Parameters<typeof harness>
): Promise<Harness> {
  const h = harness(...args);
  h.client.connect();
  h.client.join(room);
  await flush();
  return h;
}

/** A harness whose client has connected (its first `hello` answered). */
export async function connected(...args: Parameters<typeof harness>): Promise<Harness> {
  const h = harness(...args);
  h.client.connect();
  await flush();
  return h;
}
