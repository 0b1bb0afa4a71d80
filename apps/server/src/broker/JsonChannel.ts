import type { Logger } from "../logger.js";
import type { Broker } from "./Broker.js";
import { NodeSubscription } from "./NodeSubscription.js";

/**
 * A channel of JSON values every node listens on for its whole life (session ends, evictions,
 * mutes…): `publish` reaches every node, this one too; each hears the value decoded. A payload that
 * does not parse is logged as "undecodable <what>" and dropped, so one bad publisher cannot stop it.
 */
export class JsonChannel<T> {
  readonly #subscription: NodeSubscription;

  constructor(
    private readonly broker: Broker,
    private readonly channel: string,
    { log, what, hear }: { log: Logger; what: string; hear: (value: T) => void },
  ) {
    this.#subscription = new NodeSubscription(broker, channel, (payload) => {
      let value: T;
      try {
        value = JSON.parse(payload) as T;
      } catch (err) {
        log.error({ err }, `undecodable ${what}`);
        return;
      }
      hear(value);
    });
  }

  /** Subscribes once however often it is called. */
  start(): Promise<void> {
    return this.#subscription.start();
  }

  stop(): Promise<void> {
    return this.#subscription.stop();
  }

  publish(value: T): Promise<void> {
    return this.broker.publish(this.channel, JSON.stringify(value));
  }
}
