import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { SqliteStore } from "./SqliteStore.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-indexer-"));
let n = 0;
const freshPath = () => join(dir, `indexer-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ALICE = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
// The indexer never runs on its own within a test: only a search (or a reopen) brings it up to date.
const LATE = { searchIndex: { delayMs: 3_600_000 } };

async function storeWith(path: string, texts: readonly string[]) {
  const store = new SqliteStore(path, LATE);
  await store.upsertUser(ALICE);
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) {
    const id = `m_${n}_${i}`;
    await store.append({ room: "general", userId: ALICE.id, cid: `c${i}`, text, id, ts: 1000 + i });
    ids.push(id);
  }
  return { store, ids };
}

const find = async (store: SqliteStore, query: string) =>
  (await store.search.messages({ userId: ALICE.id, query, limit: 10 })).hits.map(
    (h) => h.message.text,
  );

/** Rows the FTS index holds for a term, read from the file itself (a duplicate would count twice). */
function ftsRows(path: string, term: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM message_fts WHERE message_fts MATCH ?`,
      )
      .get(`"${term}"`);
    return row?.n ?? 0;
  } finally {
    db.close();
  }
}

describe("search indexed after the commit", () => {
  it("leaves an append's transaction without the FTS insert; a search right after the ack finds it", async () => {
    const path = freshPath();
    const { store } = await storeWith(path, ["first pelican", "second pelican"]);
    expect(store.searchIndexBehind()).toBe(2);
    expect(await find(store, "pelican")).toEqual(["second pelican", "first pelican"]);
    expect(store.searchIndexBehind()).toBe(0);
    await store.close();
  });

  it("catches up at startup from the persisted mark after a stop that left rows unindexed", async () => {
    const path = freshPath();
    const { store } = await storeWith(path, ["walrus one", "walrus two", "walrus three"]);
    await store.close();
    expect(ftsRows(path, "walrus")).toBe(0);

    const reopened = new SqliteStore(path, { searchIndex: { delayMs: 1 } });
    await vi.waitFor(() => expect(reopened.searchIndexBehind()).toBe(0));
    await reopened.close();
    expect(ftsRows(path, "walrus")).toBe(3);
  });

  it("indexes the edited text of a message edited before it was indexed, once", async () => {
    const path = freshPath();
    const { store, ids } = await storeWith(path, ["original heron"]);
    const edit = { room: "general", id: ids[0] ?? "", userId: ALICE.id, editedAt: 2000 };
    expect((await store.editMessage({ ...edit, text: "changed heron" })).status).toBe("ok");
    expect(await find(store, "original")).toEqual([]);
    expect(await find(store, "changed")).toEqual(["changed heron"]);
    // And an edit after indexing replaces the row rather than adding one.
    await store.editMessage({ ...edit, text: "changed again heron", editedAt: 3000 });
    await store.close();
    expect(ftsRows(path, "heron")).toBe(1);
    expect(ftsRows(path, "original")).toBe(0);
  });

  it("never indexes a message deleted before it was indexed, nor one removed by retention", async () => {
    const path = freshPath();
    const { store, ids } = await storeWith(path, ["old ibis", "deleted ibis", "kept ibis"]);
    const deleted = { room: "general", id: ids[1] ?? "", userId: ALICE.id };
    expect((await store.deleteMessage(deleted)).status).toBe("ok");
    expect(await store.deleteMessagesBefore(1001, 10)).toBe(1);
    expect(await find(store, "ibis")).toEqual(["kept ibis"]);
    await store.close();
    expect(ftsRows(path, "ibis")).toBe(1);
  });

  it("numbers a message stored after retention emptied the table above the mark, so it is indexed", async () => {
    const path = freshPath();
    const { store } = await storeWith(path, ["gone crane", "gone crane too"]);
    expect(await find(store, "crane")).toHaveLength(2);
    expect(await store.deleteMessagesBefore(10_000, 10)).toBe(2);
    await store.append({
      room: "general",
      userId: ALICE.id,
      cid: "c9",
      text: "new crane",
      id: "m_x",
      ts: 20_000,
    });
    expect(await find(store, "crane")).toEqual(["new crane"]);
    await store.close();
    expect(ftsRows(path, "crane")).toBe(1);
  });

  it("answers searches and retries on its own while the database is locked by another writer", async () => {
    const path = freshPath();
    const store = new SqliteStore(path, {
      busyTimeoutMs: 50,
      searchIndex: { delayMs: 3_600_000, retryMs: 20 },
    });
    await store.upsertUser(ALICE);
    await store.append({
      room: "general",
      userId: ALICE.id,
      cid: "c1",
      text: "heron",
      id: "m_h",
      ts: 1,
    });
    const other = new Database(path);
    other.exec("BEGIN IMMEDIATE");
    try {
      // The catch-up cannot write: the search reads the index as it is instead of failing.
      expect(await find(store, "heron")).toEqual([]);
    } finally {
      other.exec("COMMIT");
      other.close();
    }
    // No search asks again: the indexer's own retry brings the row in.
    await vi.waitFor(() => expect(ftsRows(path, "heron")).toBe(1), { timeout: 5_000 });
    expect(await find(store, "heron")).toEqual(["heron"]);
    await store.close();
  });

  it("merges the index a few pages per batch: segments stay few without FTS5's automatic merges", async () => {
    const path = freshPath();
    const store = new SqliteStore(path, LATE);
    await store.upsertUser(ALICE);
    for (let batch = 0; batch < 300; batch++) {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const k = batch * 100 + i;
          const text = `message number ${k} about topic ${k % 97} and ${k % 13}`;
          return store.append({
            room: "general",
            userId: ALICE.id,
            cid: `c${k}`,
            text,
            id: `m_s${k}`,
            ts: k,
          });
        }),
      );
      await find(store, "topic 42"); // a search brings the index up to date: one batch of 100
    }
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      const config = db
        .prepare<[], { v: number }>(`SELECT v FROM message_fts_config WHERE k = 'automerge'`)
        .get();
      expect(config?.v).toBe(0);
      // With automerge off and no slices, level 0 alone piles up to crisismerge's 16 segments.
      const segments = db
        .prepare<[], { n: number }>(`SELECT count(DISTINCT segid) AS n FROM message_fts_idx`)
        .get();
      expect(segments?.n).toBeLessThanOrEqual(12);
    } finally {
      db.close();
    }
  }, 60_000);
});
