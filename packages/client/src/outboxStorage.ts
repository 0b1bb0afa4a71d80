import type { KeyValueStorage, OutboxEntry, OutboxStatus } from "./types.js";
import { fieldsOf, readJson, writeJson } from "./environment.js";

const STATUSES: ReadonlySet<string> = new Set<OutboxStatus>(["queued", "sent", "acked", "failed"]);

function isEntry(value: unknown): value is OutboxEntry {
  const v = fieldsOf(value, {
    cid: "string",
    room: "string",
    text: "string",
    createdAt: "number",
    status: "string",
  });
  return v !== undefined && STATUSES.has(v.status as string);
}

/**
 * The outbox's persisted copy. Only what the server may not have stored is kept: the server
 * de-duplicates by `cid`, so re-sending a `sent` entry is always safe, and an acked one is never sent
 * again. Rewritten at most once per tick, and not at all when the kept part did not change.
 */
export class OutboxStorage {
  #writeScheduled = false;
  /** The last persisted text (`undefined`: nothing stored), so an unchanged copy is not rewritten. */
  #persisted: string | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    private readonly current: () => readonly OutboxEntry[],
  ) {}

  /** The entries a previous page life left, in order; acked ones are done. */
  load(): OutboxEntry[] {
    const stored = readJson(this.storage, this.key);
    this.#persisted = stored === undefined ? undefined : JSON.stringify(stored);
    if (!Array.isArray(stored)) return [];
    const entries: OutboxEntry[] = [];
    for (const item of stored) {
      if (!isEntry(item) || item.status === "acked") continue;
      // A `sent` entry from a previous page life may or may not have reached the server: send it again.
      entries.push({ ...item, status: item.status === "sent" ? "queued" : item.status });
    }
    return entries;
  }

  /** One storage write per tick however many changes it saw: a flushed backlog is not N rewrites. */
  scheduleWrite(): void {
    if (this.#writeScheduled) return;
    this.#writeScheduled = true;
    queueMicrotask(() => {
      this.#writeScheduled = false;
      this.writeNow();
    });
  }

  writeNow(): void {
    const unconfirmed = this.current().filter((e) => e.status !== "acked");
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
