import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.js";
import { SqliteStore } from "./SqliteStore.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrations", () => {
  it("[migration 2] keeps notifications stored under the first schema", async () => {
    const path = join(dir, "v1.db");
    const first = MIGRATIONS[0];
    if (!first) throw new Error("no migrations");
    const db = new Database(path);
    db.exec(`CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
      applied_at INTEGER NOT NULL)`);
    db.exec(first.sql);
    db.prepare(`INSERT INTO migrations VALUES (1, 'initial', 0)`).run();
    db.prepare(`INSERT INTO users VALUES ('u_a', 'Ann', 0)`).run();
    db.prepare(
      `INSERT INTO notifications (id, user_id, kind, title, body, level, ts, read)
       VALUES ('n_old', 'u_a', 'system', 'Old', '', 'info', 5, 0)`,
    ).run();
    db.close();

    const store = new SqliteStore(path);
    expect(await store.notifications.unread("u_a", 10)).toEqual([
      { id: "n_old", kind: "system", title: "Old", body: "", level: "info", ts: 5, read: false },
    ]);
    await store.close();
  });
});
