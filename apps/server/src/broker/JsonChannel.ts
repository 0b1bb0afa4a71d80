import type { Logger } from "../logger.js";
import type { Broker } from "./Broker.js";
import { NodeSubscription } from "./NodeSubscription.js";

/**
 * A channel of JSON values every node listens on for its whole life (session ends, evictions,
 * mutes…): `publish` reaches every node, this one too, and each `hear`s the value decoded. A payload
 * that does not parse is logged as "undecodable <what>" and dropped, so one bad publisher cannot
 * stop the channel.
 */
export abstract class JsonChannel<T> {
  readonly #subscription: NodeSubscription;

  constructor(
    protected readonly broker: Broker,
    private readonly channel: string,
    protected readonly log: Logger,
    what: string,
  ) {
    this.#subscription = new NodeSubscription(broker, channel, (payload) => {
      let value: T;
      try {
        value = JSON.parse(payload) as T;
      } catch (err) {
        log.error({ err }, `undecodable ${what}`);
        return;
      }
      this.hear(value);
    });
  }

  /** What this node does with a value published on the channel (by any node). */
  protected abstract hear(value: T): void;

  /** Subscribes once however often it is called. */
  async start(): Promise<void> {
    await this.#subscription.start();
  }

  async stop(): Promise<void> {
    await this.#subscription.stop();
  }

  protected async publish(value: T): Promise<void> {
    await this.broker.publish(this.channel, JSON.stringify(value));
  }
}
