import type { Broker, BrokerHandler, Unsubscribe } from "../../src/broker/Broker.js";

/** How often each fault strikes one room payload on its way to one node. */
export interface Faults {
  drop: number;
  duplicate: number;
  /** Held back and delivered after the next payload (or a few ms later). */
  reorder: number;
  /** Per publish: one node loses everything in flight and is told to catch up. */
  reset: number;
}

/** A seeded PRNG (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface FaultyNode {
  handlers: Map<string, Set<BrokerHandler>>;
  resetListeners: Set<() => void>;
  held: Map<string, string[]>;
  timers: Set<NodeJS.Timeout>;
}

/**
 * A deliberately faulty pub/sub shared by several in-process "nodes": on `room:` channels it drops,
 * duplicates, reorders and resets (at-most-once, like Redis pub/sub at its worst); other channels are
 * delivered faithfully. `stats` counts each fault so a test can show they happened.
 */
export class FaultyBus {
  readonly stats = { delivered: 0, dropped: 0, duplicated: 0, reordered: 0, resets: 0 };
  readonly #nodes = new Set<FaultyNode>();

  constructor(
    private readonly faults: Faults,
    private readonly random: () => number,
  ) {}

  /** Turns faults off (a test's final phase, to let everything settle). */
  heal(): void {
    Object.assign(this.faults, { drop: 0, duplicate: 0, reorder: 0, reset: 0 });
  }

  node(): Broker {
    const node: FaultyNode = {
      handlers: new Map(),
      resetListeners: new Set(),
      held: new Map(),
      timers: new Set(),
    };
    this.#nodes.add(node);
    return {
      publish: async (channel, payload) => this.#publish(channel, payload),
      subscribe: async (channel, handler): Promise<Unsubscribe> => {
        const entry: BrokerHandler = (p) => handler(p);
        const set = node.handlers.get(channel) ?? new Set();
        set.add(entry);
        node.handlers.set(channel, set);
        return async () => {
          set.delete(entry);
        };
      },
      close: async () => {
        for (const t of node.timers) clearTimeout(t);
        this.#nodes.delete(node);
      },
      onReset: (listener) => {
        node.resetListeners.add(listener);
        return () => node.resetListeners.delete(listener);
      },
      isReady: () => true,
      losesPayloads: true,
      counters: undefined,
    };
  }

  #publish(channel: string, payload: string): void {
    for (const node of this.#nodes) {
      if (!channel.startsWith("room:")) {
        this.#deliver(node, channel, payload);
        continue;
      }
      if (this.random() < this.faults.reset) {
        this.#reset(node);
        continue;
      }
      if (this.random() < this.faults.drop) {
        this.stats.dropped++;
        continue;
      }
      const copies = this.random() < this.faults.duplicate ? 2 : 1;
      if (copies === 2) this.stats.duplicated++;
      for (let i = 0; i < copies; i++) {
        if (this.random() < this.faults.reorder) {
          this.stats.reordered++;
          this.#hold(node, channel, payload);
        } else {
          this.#deliver(node, channel, payload);
          this.#release(node, channel);
        }
      }
    }
  }

  #hold(node: FaultyNode, channel: string, payload: string): void {
    const held = node.held.get(channel) ?? [];
    held.push(payload);
    node.held.set(channel, held);
    const timer = setTimeout(() => {
      node.timers.delete(timer);
      this.#release(node, channel);
    }, 5);
    node.timers.add(timer);
  }

  #release(node: FaultyNode, channel: string): void {
    const held = node.held.get(channel);
    if (!held) return;
    node.held.delete(channel);
    for (const p of held) this.#deliver(node, channel, p);
  }

  #reset(node: FaultyNode): void {
    this.stats.resets++;
    node.held.clear();
    // Like a reconnect: the node learns of it a little later, after payloads were lost.
    const timer = setTimeout(() => {
      node.timers.delete(timer);
      for (const listener of node.resetListeners) listener();
    }, 2);
    node.timers.add(timer);
  }

  #deliver(node: FaultyNode, channel: string, payload: string): void {
    const handlers = node.handlers.get(channel);
    if (!handlers) return;
    this.stats.delivered++;
    for (const handler of [...handlers]) handler(payload);
  }
}
