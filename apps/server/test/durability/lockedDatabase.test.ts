import { join } from "node:path";
import Database from "better-sqlite3";
import type { ServerMessageOf } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/SqliteStore.js";
import { DatabaseStartError } from "../../src/store/storeErrors.js";
import { trySend } from "../support/outboxSender.js";
import { TEST_SECRET, TestClient, startTestServer, tempDb } from "../helpers.js";
import { spawnServer } from "../support/serverProcess.js";
import { mountTmpfs } from "../support/tmpfs.js";
import { testWorld } from "../support/testWorld.js";

async function createDatabase(path: string): Promise<void> {
  const store = new SqliteStore(path);
  await store.ensureRoom("general");
  await store.close();
}

/** Starts `src/main.ts` on `dbPath`, expecting it to refuse; returns its exit code and output. */
async function failedStart(dbPath: string) {
  const server = spawnServer({
    DB_PATH: dbPath,
    PORT: "0",
    TOKEN_SECRET: TEST_SECRET,
    SQLITE_BUSY_TIMEOUT_MS: "200",
  });
  const code = await server.exited;
  return { code, output: server.output() };
}

describe("a database that cannot be written at start", () => {
  it("on a read-only file system: start-up fails with an error naming DB_PATH and the problem", async () => {
    using fs = mountTmpfs(1024 * 1024);
    const dbPath = join(fs.dir, "duplex.db");
    await createDatabase(dbPath);
    fs.remountReadOnly();
    const started = startTestServer({ dbPath });
    await expect(started).rejects.toThrow(DatabaseStartError);
    await expect(started).rejects.toThrow(
      `Cannot open the SQLite database at ${dbPath} (DB_PATH): the file system is read-only (${fs.dir})`,
    );
  });

  it("locked by another process: the CLI exits 1 with one line saying so, instead of waiting forever", async () => {
    using db = tempDb();
    await createDatabase(db.path);
    const holder = new Database(db.path);
    try {
      // Exclusive locking mode: the holder keeps the file to itself after its first write.
      holder.pragma("locking_mode = EXCLUSIVE");
      holder.prepare("UPDATE rooms SET seq = seq WHERE name = 'general'").run();
      const { code, output } = await failedStart(db.path);
      expect(code).toBe(1);
      expect(output.trim()).toMatch(
        `Cannot open the SQLite database at ${db.path} (DB_PATH): the database is locked by another process`,
      );
      expect(output.trim().split("\n")).toHaveLength(1);
    } finally {
      holder.close();
    }
  });
});

describe("a database locked by another process while serving", () => {
  it("answers each send with a clear error and no ack, keeps reads and the server up, and stores the retry once the lock is gone", async () => {
    await using world = await testWorld({ config: { sqliteBusyTimeoutMs: 200 } });
    const { client } = await TestClient.hello(world.server.url, { name: "Ann" });
    await client.join("general");
    const first = await trySend(client, "general", "before");
    expect(first.type).toBe("ack");

    const holder = new Database(world.dbPath);
    holder.prepare("BEGIN IMMEDIATE").run();
    const started = Date.now();
    const refused = await trySend(client, "general", "during");
    expect(refused).toMatchObject({
      type: "error",
      code: "internal",
      message: expect.stringMatching(
        /^message not stored: the database is locked by another process/,
      ),
    });
    const refusedMs = Date.now() - started;
    // Still up and reading: a ping, history and /healthz all answer while the lock is held.
    await client.roundTrip();
    client.send({ type: "history", room: "general", ref: "h" });
    expect((await client.waitFor("history")).messages.map((m) => m.cid)).toEqual(["before"]);
    expect((await fetch(`${world.server.httpUrl}/healthz`)).status).toBe(200);

    holder.prepare("ROLLBACK").run();
    holder.close();
    const retried = await trySend(client, "general", "during");
    expect(retried).toMatchObject({ type: "ack", seq: (first as ServerMessageOf<"ack">).seq + 1 });
    console.info(`locked database: send refused after ${refusedMs} ms (busy timeout 200 ms)`);
    client.close();
  });
});
