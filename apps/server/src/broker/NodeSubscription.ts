import type { Broker, BrokerHandler, Unsubscribe } from "./Broker.js";

/**
 * A channel this node listens on for its whole life (user pushes, session ends, evictions…):
 * `start` subscribes once however often it is called, `stop` unsubscribes once.
 */
export class NodeSubscription {
  #subscription: Promise<Unsubscribe> | undefined;

  constructor(
    private readonly broker: Broker,
    private readonly channel: string,
    private readonly handler: BrokerHandler,
  ) {}

  /** Whether `start` was called and `stop` not since. */
  get active(): boolean {
    return this.#subscription !== undefined;
  }

  async start(): Promise<void> {
    this.#subscription ??= this.broker.subscribe(this.channel, this.handler);
    await this.#subscription;
  }

  async stop(): Promise<void> {
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription) await (await subscription)();
  }
}
