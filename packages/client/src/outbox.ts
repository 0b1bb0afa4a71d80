import { Capability, checkText, type ChatMessage, type ClientMessage } from "@duplex/protocol";
import type { KeyValueStorage, OutboxEntry, SendOptions } from "./types.js";
import { OutboxStorage } from "./outboxStorage.js";

/** `OutboxEntry.error` of messages left unsent when the session's token was refused (4401). */
export const SIGNED_OUT = "signed out";

/** What the outbox transmits through: which rooms are live, the write budget, the socket. */
export interface OutboxLink {
  /** Whether `room` is joined on the current socket: only then may its entries go out. */
  live(room: string): boolean;
  /** The budget under the server's write limit (sendPacer.ts); it calls `flush` when it refills. */
  readonly pacer: { tryTake(): boolean };
  /** Writes to the current socket. */
  write(message: ClientMessage): void;
}

/** No socket: entries wait `queued` (an outbox on its own, as its unit tests build it). */
const OFFLINE: OutboxLink = { live: () => false, pacer: { tryTake: () => false }, write: () => {} };

/**
 * Outgoing chat messages by lifecycle, keyed by `cid`: queued → sent → acked | failed. The outbox
 * transmits its own entries — in order, only for a room that is live, while the pacer allows — so an
 * entry is marked `sent` in the same loop that writes it. An acked entry stays until its room's feed
 * delivers the stored copy (`delivered`), so the app's list never loses the message between the ack
 * and the fan-out copy, and nobody downstream has to put it back.
 *
 * Each call of a method that changes entries is announced by ONE `onChange` (a new message is
 * announced already `sent` when its room was live); the persisted copy is rewritten at most once per
 * tick (outboxStorage.ts).
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #stored: OutboxStorage;
  /** Something changed since the last announcement. */
  #dirty = false;

  constructor(
    storage: KeyValueStorage,
    key: string,
    private readonly onChange: (entries: readonly OutboxEntry[]) => void,
    private readonly link: OutboxLink = OFFLINE,
  ) {
    this.#stored = new OutboxStorage(storage, key, () => this.entries());
    for (const entry of this.#stored.load()) this.#entries.set(entry.cid, entry);
  }

  /** Entries in the order they were added. */
  entries(): readonly OutboxEntry[] {
    return [...this.#entries.values()];
  }

  get(cid: string): OutboxEntry | undefined {
    return this.#entries.get(cid);
  }

  /**
   * The one entrance: queues a new message, checked as the server would check it (a `RangeError`
   * instead of an entry the server would refuse), with only the fields the node granted, and sends it
   * at once when its room is live. Returns the entry as announced (`sent`, or `queued`).
   */
  add(
    room: string,
    text: string,
    options: SendOptions,
    at: { cid: string; now: number; caps: ReadonlySet<string> },
  ): OutboxEntry {
    const valid = checkText(text);
    if (!valid.ok) throw new RangeError(`text ${valid.problem.message}`);
    const entry: OutboxEntry = {
      cid: at.cid,
      room,
      text,
      createdAt: at.now,
      status: "queued",
      // Only a node that granted `replies` accepts the field; elsewhere the message goes unquoted.
      ...(options.replyTo !== undefined &&
        at.caps.has(Capability.Replies) && { replyTo: options.replyTo }),
      // Without `threads` the reply goes to the room, where every client shows it.
      ...(options.thread !== undefined &&
        at.caps.has(Capability.Threads) && {
          thread: options.thread,
          ...(options.alsoToRoom === true && { alsoToRoom: true as const }),
        }),
    };
    this.#entries.set(entry.cid, entry);
    this.#dirty = true;
    this.flush(room);
    return this.#entries.get(entry.cid) ?? entry;
  }

  /**
   * Sends what is queued for live rooms — a new entry, a retried one, or the backlog after `joined` —
   * oldest first, with the original `cid`s, while the pacer allows (when it says no, it calls this
   * again later, without `room`), then announces whatever changed, once. `room`: only if that room is
   * live (a room not live yet waits for its `joined` without holding up the others).
   */
  flush(room?: string): void {
    if (room === undefined || this.link.live(room)) {
      for (const entry of this.entries()) {
        if (entry.status !== "queued" || !this.link.live(entry.room)) continue;
        if (!this.link.pacer.tryTake()) break;
        // The cid doubles as the ref, so an `error` can be matched to its entry.
        this.link.write({
          type: "send",
          room: entry.room,
          cid: entry.cid,
          text: entry.text,
          ref: entry.cid,
          ...(entry.replyTo !== undefined && { replyTo: entry.replyTo }),
          ...(entry.thread !== undefined && { thread: entry.thread }),
          ...(entry.alsoToRoom === true && { alsoToRoom: true }),
        });
        this.#entries.set(entry.cid, { ...entry, status: "sent" });
        this.#dirty = true;
      }
    }
    this.#announce();
  }

  /** Puts a failed entry back in the queue and sends it if its room is live. */
  retry(cid: string): void {
    const entry = this.#entries.get(cid);
    if (entry?.status !== "failed") return;
    this.#set({ ...entry, status: "queued" });
    this.flush(entry.room);
  }

  /**
   * The server stored it as `seq`. It stays, acked, until `delivered` hands it to the timeline, unless
   * that already happened: the room's feed is at `deliveredSeq` or past it (the copy overtook the ack),
   * or the room is gone (`deliveredSeq` undefined: no copy will come).
   */
  ack(cid: string, seq: number, deliveredSeq: number | undefined): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined || entry.status === "acked") return;
    if (deliveredSeq === undefined || deliveredSeq >= seq) this.#entries.delete(cid);
    else this.#entries.set(cid, { ...entry, status: "acked", seq });
    this.#dirty = true;
    this.#announce();
  }

  /**
   * The room's feed handed `messages` to the app, in `seq` order: acked entries whose stored copy is
   * among them, or at or below the last delivered `seq` (a reset page may start after them), leave the
   * outbox. An unacked one stays until its ack: it is re-sent after a reconnect as before, and the
   * server's `cid` de-duplication answers with the original `seq`.
   */
  delivered(room: string, messages: readonly ChatMessage[]): void {
    const last = messages.at(-1)?.seq;
    if (last === undefined) return;
    const cids = new Set(messages.map((m) => m.cid));
    for (const [cid, e] of this.#entries) {
      if (e.room !== room || e.status !== "acked") continue;
      if (!cids.has(cid) && (e.seq ?? Infinity) > last) continue;
      this.#entries.delete(cid);
      this.#dirty = true;
    }
    this.#announce();
  }

  /** The room was left: no stored copy will come for its acked entries. */
  dropAcked(room: string): void {
    for (const [cid, e] of this.#entries) {
      if (e.room === room && e.status === "acked") this.#delete(cid);
    }
    this.#announce();
  }

  fail(cid: string, error: string): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined) return;
    this.#set({ ...entry, status: "failed", error });
    this.#announce();
  }

  /**
   * Everything not yet acked becomes `failed` with `error`: used when the identity it was queued under
   * is gone (4401), so nothing is sent as someone else until the user says so (`retry`).
   */
  failUnsent(error: string): void {
    for (const entry of this.#entries.values()) {
      if (entry.status === "queued" || entry.status === "sent") {
        this.#set({ ...entry, status: "failed", error });
      }
    }
    this.#announce();
  }

  /**
   * A write was refused for now: it and every later in-flight entry of its room go back to the queue,
   * so the retry re-sends them in order. A later one the server did accept is only acked again with
   * its original seq (cid de-duplication); one whose own refusal is still on its way cannot be re-sent
   * behind newer messages.
   */
  requeueFrom(refusedCid: string): void {
    const refused = this.#entries.get(refusedCid);
    if (refused === undefined) return;
    let after = false;
    for (const entry of this.#entries.values()) {
      if (entry.cid === refused.cid) after = true;
      else if (!after || entry.room !== refused.room || entry.status !== "sent") continue;
      if (entry.status !== "queued") this.#set({ ...entry, status: "queued" });
    }
    this.#announce();
  }

  /** The socket is gone: whatever was in flight goes back to the queue, to be re-sent with its `cid`. */
  requeueSent(): void {
    for (const entry of this.#entries.values()) {
      if (entry.status === "sent") this.#set({ ...entry, status: "queued" });
    }
    this.#announce();
  }

  /** Removes an entry (a failed one the user dismissed, or one whose copy arrived some other way). */
  remove(cid: string): void {
    this.#delete(cid);
    this.#announce();
  }

  /** Drops every entry and the persisted copy: what the signed-out identity queued is never sent. */
  clear(): void {
    this.#entries.clear();
    this.#stored.writeNow(); // now, not next tick: a sign-out leaves nothing behind even if the page closes
    this.#dirty = true;
    this.#announce();
  }

  #set(entry: OutboxEntry): void {
    this.#entries.set(entry.cid, entry);
    this.#dirty = true;
  }

  #delete(cid: string): void {
    if (this.#entries.delete(cid)) this.#dirty = true;
  }

  /** One `onChange` and one scheduled storage write for whatever the calling method changed. */
  #announce(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    this.#stored.scheduleWrite();
    this.onChange(this.entries());
  }
}
