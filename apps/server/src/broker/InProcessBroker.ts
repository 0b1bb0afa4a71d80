import type { Broker, BrokerHandler, Unsubscribe } from "./Broker.js";

/** A single-node broker: publish calls the channel's handlers synchronously, in subscription order. */
export class InProcessBroker implements Broker {
  readonly losesPayloads = false;
  readonly counters = undefined;
  readonly #channels = new Map<string, Set<BrokerHandler>>();

  async publish(channel: string, payload: string): Promise<void> {
    const handlers = this.#channels.get(channel);
    if (!handlers) return;
    // Copy: a handler may unsubscribe while we iterate.
    for (const handler of [...handlers]) handler(payload);
  }

  async subscribe(channel: string, handler: BrokerHandler): Promise<Unsubscribe> {
    let handlers = this.#channels.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#channels.set(channel, handlers);
    }
    // Wrap so subscribing the same function twice yields two independent subscriptions.
    const entry: BrokerHandler = (payload) => handler(payload);
    handlers.add(entry);
    return async () => {
      const set = this.#channels.get(channel);
      set?.delete(entry);
      if (set?.size === 0) this.#channels.delete(channel);
    };
  }

  async close(): Promise<void> {
    this.#channels.clear();
  }

  /** Never lost a payload: the listener is never called. */
  onReset(): () => void {
    return () => undefined;
  }

  isReady(): boolean {
    return true;
  }
}
