/** Receives every payload published on a channel this node subscribed to. */
export type BrokerHandler = (payload: string) => void;

/** Stops one subscription. */
export type Unsubscribe = () => Promise<void>;

/**
 * Fan-out between nodes: the seam a scale-out swaps (in-process first; Redis pub/sub later). Payloads are
 * already-encoded strings, so a broadcast is serialised once however many sockets receive it.
 */
export interface Broker {
  publish(channel: string, payload: string): Promise<void>;
  subscribe(channel: string, handler: BrokerHandler): Promise<Unsubscribe>;
  close(): Promise<void>;
  /**
   * Calls `listener` after the broker lost and re-established its subscriptions: payloads published
   * in between are gone (pub/sub is at-most-once), so listeners catch up from the store. A broker that
   * never loses payloads (in-process) never calls it. Returns a function that removes it.
   */
  onReset(listener: () => void): () => void;
  /** Whether publishing and subscribing work right now (for `/readyz`); in-process: always. */
  isReady(): boolean;
  /** Whether payloads can be lost (pub/sub between nodes): only then do rooms need a periodic head check. */
  readonly losesPayloads: boolean;
  /** Publish/receive counts between nodes, for `/metrics`; undefined in-process (nothing to count). */
  readonly counters: BrokerCounters | undefined;
}

export interface BrokerCounters {
  published: number;
  publishFailures: number;
  received: number;
  resets: number;
}
