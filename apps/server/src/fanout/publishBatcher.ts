import { packMany } from "./brokerEnvelope.js";

/**
 * Collects a room's broadcasts of one turn of the event loop and hands them to `send` as one bundle
 * (see `packMany`), in publish order, right after the turn. A group commit answers hundreds of sends
 * at once, so over Redis this is one PUBLISH per room per commit instead of one per message, and
 * every node receives and dispatches one message for the lot.
 */
export class PublishBatcher {
  readonly #pending = new Map<string, string[]>();
  #scheduled = false;

  constructor(private readonly send: (room: string, bundle: string) => void) {}

  add(room: string, payload: string): void {
    const list = this.#pending.get(room);
    if (list) list.push(payload);
    else this.#pending.set(room, [payload]);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Sends everything pending now. */
  flush(): void {
    this.#scheduled = false;
    const pending = [...this.#pending];
    this.#pending.clear();
    for (const [room, payloads] of pending) this.send(room, packMany(payloads));
  }
}
