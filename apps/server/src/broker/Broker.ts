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
   * never loses payloads (in-process) need not implement it. Returns a function that removes it.
   */
  onReset?(listener: () => void): () => void;
  /** Whether publishing and subscribing work right now (for `/readyz`). Absent: always ready. */
  isReady?(): boolean;
}
