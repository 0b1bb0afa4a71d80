import { Capability, checkText, type ChatMessage } from "@duplex/protocol";
import type { KeyValueStorage, OutboxEntry, OutboxStatus, SendOptions } from "./types.js";
import { readJson, writeJson } from "./environment.js";

/** `OutboxEntry.error` of messages left unsent when the session's token was refused (4401). */
export const SIGNED_OUT = "signed out";

const STATUSES: ReadonlySet<string> = new Set<OutboxStatus>(["queued", "sent", "acked", "failed"]);

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.cid === "string" &&
    typeof v.room === "string" &&
    typeof v.text === "string" &&
    typeof v.createdAt === "number" &&
    typeof v.status === "string" &&
    STATUSES.has(v.status)
  );
}

/**
 * Outgoing chat messages by lifecycle, keyed by `cid`: queued → sent → acked | failed. An acked entry
 * stays until its room's feed delivers the stored copy (`delivered`), so the app's list never loses the
 * message between the ack and the fan-out copy, and nobody downstream has to put it back.
 *
 * Changes made inside one `batch` (a server frame, an API call, a paced pump) are announced by ONE
 * `onChange`; the persisted copy is rewritten at most once per tick. Only what the server may not have
 * stored is persisted: the server de-duplicates by `cid`, so re-sending a `sent` entry is always safe,
 * and an acked one is never sent again.
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();
  #depth = 0;
  #dirty = false;
  #writeScheduled = false;
  /** The last persisted text (`undefined`: nothing stored), so an unchanged copy is not rewritten. */
  #persisted: string | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly onChange: (entries: readonly OutboxEntry[]) => void,
  ) {
    const stored = readJson(storage, key);
    this.#persisted = stored === undefined ? undefined : JSON.stringify(stored);
    if (!Array.isArray(stored)) return;
    for (const item of stored) {
      if (!isEntry(item) || item.status === "acked") continue;
      // A `sent` entry from a previous page life may or may not have reached the server: send it again.
      const status = item.status === "sent" ? "queued" : item.status;
      this.#entries.set(item.cid, { ...item, status });
    }
  }

  /** Entries in the order they were added. */
  entries(): readonly OutboxEntry[] {
    return [...this.#entries.values()];
  }

  get(cid: string): OutboxEntry | undefined {
    return this.#entries.get(cid);
  }

  /** Runs `fn`; whatever it changes is announced once, when the outermost batch ends. */
  batch<T>(fn: () => T): T {
    this.#depth += 1;
    try {
      return fn();
    } finally {
      this.#depth -= 1;
      if (this.#depth === 0 && this.#dirty) this.#announce();
    }
  }

  /**
   * Queues a new message, checked as the server would check it (a `RangeError` instead of an entry the
   * server would refuse), with only the fields the node granted.
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
    this.#changed();
    return entry;
  }

  setStatus(cid: string, status: "queued" | "sent"): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined || entry.status === status) return;
    this.#entries.set(cid, { ...entry, status });
    this.#changed();
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
    this.#changed();
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
    this.#removeWhere(
      (e) =>
        e.room === room && e.status === "acked" && (cids.has(e.cid) || (e.seq ?? Infinity) <= last),
    );
  }

  /** The room was left: no stored copy will come for its acked entries. */
  dropAcked(room: string): void {
    this.#removeWhere((e) => e.room === room && e.status === "acked");
  }

  fail(cid: string, error: string): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined) return;
    this.#entries.set(cid, { ...entry, status: "failed", error });
    this.#changed();
  }

  /**
   * Everything not yet acked becomes `failed` with `error`: used when the identity it was queued under
   * is gone (4401), so nothing is sent as someone else until the user says so (`retry`).
   */
  failUnsent(error: string): void {
    this.batch(() => {
      for (const [cid, entry] of this.#entries) {
        if (entry.status !== "queued" && entry.status !== "sent") continue;
        this.#entries.set(cid, { ...entry, status: "failed", error });
        this.#changed();
      }
    });
  }

  /** Removes an entry (a failed one the user dismissed, or one whose copy arrived some other way). */
  remove(cid: string): void {
    if (this.#entries.delete(cid)) this.#changed();
  }

  /** Drops every entry and the persisted copy: what the signed-out identity queued is never sent. */
  clear(): void {
    this.#entries.clear();
    this.#persist(); // now, not next tick: a sign-out leaves nothing behind even if the page closes
    this.#changed();
  }

  /** The socket is gone: whatever was in flight goes back to the queue, to be re-sent with its `cid`. */
  requeueSent(): void {
    this.batch(() => {
      for (const [cid, entry] of this.#entries) {
        if (entry.status !== "sent") continue;
        this.#entries.set(cid, { ...entry, status: "queued" });
        this.#changed();
      }
    });
  }

  #removeWhere(drop: (entry: OutboxEntry) => boolean): void {
    this.batch(() => {
      for (const [cid, entry] of this.#entries) {
        if (!drop(entry)) continue;
        this.#entries.delete(cid);
        this.#changed();
      }
    });
  }

  #changed(): void {
    this.#dirty = true;
    if (this.#depth === 0) this.#announce();
  }

  #announce(): void {
    this.#dirty = false;
    this.#scheduleWrite();
    this.onChange(this.entries());
  }

  /** One storage write per tick however many changes it saw: a flushed backlog is not N rewrites. */
  #scheduleWrite(): void {
    if (this.#writeScheduled) return;
    this.#writeScheduled = true;
    queueMicrotask(() => {
      this.#writeScheduled = false;
      this.#persist();
    });
  }

  #persist(): void {
    const unconfirmed = this.entries().filter((e) => e.status !== "acked");
    const text = unconfirmed.length > 0 ? JSON.stringify(unconfirmed) : undefined;
    // A hand-over (an acked entry leaving) changes nothing persisted: no write.
    if (text === this.#persisted) return;
    this.#persisted = text;
    if (text !== undefined) {
      writeJson(this.storage, this.key, unconfirmed);
      return;
    }
    try {
      this.storage.removeItem(this.key);
    } catch {
      // nothing persisted then
    }
  }
}
