import type pg from "pg";

/** The channel migration 12's trigger notifies with `key<TAB>user_id` for every name bound. */
export const NAMES_CHANNEL = "duplex_names";

/** How long after a failed start the index is not tried again (lookups query meanwhile). */
const RETRY_MS = 1_000;

/**
 * Every bound name key and its holder's id, in memory on this node, so a mention candidate nobody
 * holds costs no query. A name is bound for good, so entries never change; new ones come from every
 * node through Postgres: the index LISTENs on its own connection before it reads the table, so
 * nothing bound in between is missed. A name bound on another node arrives after that node's commit
 * (a millisecond or so): a mention of it in that window is not resolved. Until the index is loaded,
 * and whenever its connection drops, `lookup` answers undefined and the caller queries instead.
 */
export class PostgresNameIndex {
  #holders: Map<string, string> | undefined;
  #client: pg.PoolClient | undefined;
  #starting = false;
  #retryAt = 0;
  #closed = false;

  constructor(private readonly pool: pg.Pool) {}

  /** The holders' ids of those `keys` that are bound, or undefined while the index is not in step. */
  lookup(keys: readonly string[]): Map<string, string> | undefined {
    const holders = this.#holders;
    if (holders === undefined) {
      this.#start();
      return undefined;
    }
    const found = new Map<string, string>();
    for (const key of keys) {
      const id = holders.get(key);
      if (id !== undefined) found.set(key, id);
    }
    return found;
  }

  /** A binding this node just committed (its notification follows; this one is at once). */
  noteBound(key: string, userId: string): void {
    this.#holders?.set(key, userId);
  }

  /** Releases the listening connection (before the pool ends). */
  close(): void {
    this.#closed = true;
    this.#drop(this.#client);
  }

  #start(): void {
    if (this.#starting || this.#closed || Date.now() < this.#retryAt) return;
    this.#starting = true;
    void this.#load().then(
      () => {
        this.#starting = false;
      },
      () => {
        this.#starting = false;
        this.#retryAt = Date.now() + RETRY_MS;
      },
    );
  }

  async #load(): Promise<void> {
    const client = await this.pool.connect();
    if (this.#closed) {
      client.release();
      return;
    }
    const loading = new Map<string, string>();
    client.on("notification", ({ channel, payload }) => {
      const tab = channel === NAMES_CHANNEL ? (payload?.indexOf("\t") ?? -1) : -1;
      if (payload === undefined || tab < 0) return;
      (this.#holders ?? loading).set(payload.slice(0, tab), payload.slice(tab + 1));
    });
    client.on("error", () => this.#drop(client));
    client.on("end", () => this.#drop(client));
    this.#client = client;
    try {
      await client.query(`LISTEN ${NAMES_CHANNEL}`);
      const { rows } = await client.query<{ key: string; user_id: string }>(
        `SELECT key, user_id FROM names`,
      );
      for (const row of rows) if (!loading.has(row.key)) loading.set(row.key, row.user_id);
    } catch (err) {
      this.#drop(client);
      throw err;
    }
    if (this.#client === client) this.#holders = loading;
  }

  /** Forgets the index (lookups query until it is loaded again) and lets the connection go. */
  #drop(client: pg.PoolClient | undefined): void {
    if (client === undefined || this.#client !== client) return;
    this.#client = undefined;
    this.#holders = undefined;
    client.release(true);
  }
}
