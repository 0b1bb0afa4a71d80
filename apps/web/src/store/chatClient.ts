import type { ClientEventName, ClientEvents, ConnectionState, OutboxEntry } from "@duplex/client";
import type { User } from "@duplex/protocol";

/**
 * The part of `DuplexClient` the store uses. The store depends on this shape, not on the class, so
 * component tests can drive it with a scripted client and the app passes the real one.
 */
export interface ChatClient {
  readonly state: ConnectionState;
  readonly user: User | undefined;
  readonly rttMs: number | undefined;
  readonly outbox: readonly OutboxEntry[];
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends ClientEventName>(event: E, handler: ClientEvents[E]): () => void;
  setName(name: string): void;
  connect(): void;
  close(): void;
  join(room: string): void;
  leave(room: string): void;
  send(room: string, text: string): OutboxEntry;
  /** Puts a failed outbox entry back in the queue. */
  retry(cid: string): void;
  /** Drops a failed outbox entry. */
  discard(cid: string): void;
}
