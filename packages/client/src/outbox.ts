import type { KeyValueStorage, OutboxEntry, OutboxStatus } from "./types.js";
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
 * Outgoing chat messages by lifecycle, keyed by `cid`: queued → sent → acked | failed. Every change is
 * persisted, so a reload keeps what the server has not acknowledged; the server de-duplicates by `cid`,
 * so re-sending a `sent` entry is always safe.
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly onChange: (entries: readonly OutboxEntry[]) => void,
  ) {
    const stored = readJson(storage, key);
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

  add(entry: OutboxEntry): void {
    this.#entries.set(entry.cid, entry);
    this.#changed();
  }

  setStatus(cid: string, status: "queued" | "sent"): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined || entry.status === status) return;
    this.#entries.set(cid, { ...entry, status });
    this.#changed();
  }

  /** The server stored it: show the entry as acked once, then drop it. */
  ack(cid: string): void {
    const entry = this.#entries.get(cid);
    if (entry === undefined) return;
    this.#entries.set(cid, { ...entry, status: "acked" });
    this.onChange(this.entries());
    this.#entries.delete(cid);
    this.#changed();
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
    let changed = false;
    for (const [cid, entry] of this.#entries) {
      if (entry.status !== "queued" && entry.status !== "sent") continue;
      this.#entries.set(cid, { ...entry, status: "failed", error });
      changed = true;
    }
    if (changed) this.#changed();
  }

  /** Removes a failed entry the user dismissed. */
  remove(cid: string): void {
    if (this.#entries.delete(cid)) this.#changed();
  }

  /** Drops every entry and the persisted copy: what the signed-out identity queued is never sent. */
  clear(): void {
    this.#entries.clear();
    try {
      this.storage.removeItem(this.key);
    } catch {
      // nothing persisted then
    }
    this.onChange([]);
  }

  /** The socket is gone: whatever was in flight goes back to the queue, to be re-sent with its `cid`. */
  requeueSent(): void {
    let changed = false;
    for (const [cid, entry] of this.#entries) {
      if (entry.status !== "sent") continue;
      this.#entries.set(cid, { ...entry, status: "queued" });
      changed = true;
    }
    if (changed) this.#changed();
  }

  #changed(): void {
    writeJson(this.storage, this.key, this.entries());
    this.onChange(this.entries());
  }
}
