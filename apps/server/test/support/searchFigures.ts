import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pgLib from "pg";
import { PostgresStore } from "../../src/store/postgres/PostgresStore.js";
import { SqliteStore } from "../../src/store/SqliteStore.js";
import type { Store } from "../../src/store/Store.js";
import { startPostgres } from "./postgres.js";

/** The three queries the figures are for: Latin, a 2-character and a 4-character Chinese word. */
export const FIGURE_QUERIES = ["deploy", "开会", "项目进度"] as const;

const LATIN = ["deploy", "release", "review", "lunch", "build", "ticket", "meeting", "design"];
const CHINESE = ["开会", "项目", "进度", "今天", "明天", "我们", "需要", "问题", "测试", "上线"];
const USERS = 100;
const ROOMS = 200;

/** A deterministic corpus: message `i`'s room, author and text (5–12 words, mixed scripts). */
function message(i: number): { room: string; user: string; text: string } {
  let x = (i * 2_654_435_761) >>> 0;
  const next = () => (x = (x * 1_103_515_245 + 12_345) >>> 0) >>> 8;
  const words: string[] = [];
  const length = 5 + (next() % 8);
  for (let w = 0; w < length; w += 1) {
    const r = next() % 100;
    // Latin words are rarer than filler, so "deploy" hits ~4% of messages; 开会 ~12%.
    if (r < 5) words.push(LATIN[next() % LATIN.length] as string);
    else if (r < 60) words.push(CHINESE[next() % CHINESE.length] as string);
    else words.push(`w${next() % 50_000}`);
  }
  return {
    room: `room-${i % ROOMS}`,
    user: `u_figures${String(i % USERS).padStart(8, "0")}`,
    text: words.join(next() % 2 ? " " : ""),
  };
}

const BATCH = 5_000;

async function fillSqlite(path: string, count: number): Promise<void> {
  await new SqliteStore(path).close(); // migrated
  const db = new Database(path);
  db.pragma("synchronous = OFF");
  const user = db.prepare(`INSERT INTO users (id, name, created_at) VALUES (?, ?, 0)`);
  const room = db.prepare(`INSERT INTO rooms (name, epoch, seq, created_at) VALUES (?, 'e', 0, 0)`);
  const insert = db.prepare(
    `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Figures')`,
  );
  db.transaction(() => {
    for (let u = 0; u < USERS; u += 1) user.run(message(u).user, `F${u}`);
    for (let r = 0; r < ROOMS; r += 1) room.run(`room-${r}`);
  })();
  for (let start = 0; start < count; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
        const m = message(i);
        insert.run(m.room, Math.floor(i / ROOMS) + 1, `m_${i}`, m.user, `c${i}`, m.text, i);
      }
    })();
  }
  db.close();
}

async function fillPostgres(url: string, count: number): Promise<void> {
  await (await PostgresStore.open(url, { max: 1 })).close(); // migrated
  const client = new pgLib.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const users = Array.from({ length: USERS }, (_, u) => message(u).user);
    await client.query(
      `INSERT INTO users (id, name, created_at) SELECT id, id, 0 FROM unnest($1::text[]) id`,
      [users],
    );
    await client.query(
      `INSERT INTO rooms (name, epoch, seq, created_at)
       SELECT 'room-' || r, 'e', 0, 0 FROM generate_series(0, $1::int - 1) r`,
      [ROOMS],
    );
    for (let start = 0; start < count; start += BATCH) {
      const ids = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => start + k);
      const rows = ids.map(message);
      await client.query(
        `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name)
         SELECT room, seq, 'm_' || i, user_id, 'c' || i, text, i, 'Figures'
         FROM unnest($1::text[], $2::bigint[], $3::int[], $4::text[], $5::text[])
           AS t(room, seq, i, user_id, text)`,
        [
          rows.map((m) => m.room),
          ids.map((i) => Math.floor(i / ROOMS) + 1),
          ids,
          rows.map((m) => m.user),
          rows.map((m) => m.text),
        ],
      );
    }
    await client.query("ANALYZE messages");
  } finally {
    await client.end();
  }
}

export interface FigureRow {
  store: string;
  query: string;
  p50Ms: number;
  p99Ms: number;
  /** Hits on the first page (limit 20). */
  hits: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function measure(store: Store, name: string, runs: number): Promise<FigureRow[]> {
  const rows: FigureRow[] = [];
  for (const query of FIGURE_QUERIES) {
    const times: number[] = [];
    let hits = 0;
    for (let r = 0; r < runs; r += 1) {
      const started = performance.now();
      const page = await store.search.messages({ userId: message(1).user, query, limit: 20 });
      times.push(performance.now() - started);
      hits = page.hits.length;
    }
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 100) / 100;
    rows.push({
      store: name,
      query,
      p50Ms: round(quantile(times, 0.5)),
      p99Ms: round(quantile(times, 0.99)),
      hits,
    });
  }
  return rows;
}

/**
 * Search latency over `count` messages on SQLite and Postgres: the first page (20 hits) of each of
 * {@link FIGURE_QUERIES}, `runs` times each, as one user who may read every room.
 */
export async function searchFigures(
  count: number,
  runs: number,
  log: (line: string) => void = () => {},
): Promise<FigureRow[]> {
  const rows: FigureRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), "duplex-search-figures-"));
  try {
    const path = join(dir, "figures.db");
    const t = performance.now();
    await fillSqlite(path, count);
    log(`SQLite: ${count} messages stored and indexed in ${Math.round(performance.now() - t)} ms`);
    const sqlite = new SqliteStore(path);
    rows.push(...(await measure(sqlite, "SQLite", runs)));
    await sqlite.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pg = await startPostgres();
  try {
    const url = await pg.freshDatabase();
    const t = performance.now();
    await fillPostgres(url, count);
    log(
      `Postgres: ${count} messages stored and indexed in ${Math.round(performance.now() - t)} ms`,
    );
    const store = await PostgresStore.open(url, { max: 2 });
    rows.push(...(await measure(store, "Postgres", runs)));
    await store.close();
  } finally {
    await pg.stop();
  }
  return rows;
}
