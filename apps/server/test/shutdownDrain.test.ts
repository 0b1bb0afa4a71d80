import Database from "better-sqlite3";
import pg from "pg";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { Clients, startTestServer, tempDb } from "./helpers.js";
import { postgresForSuite, requirePostgres } from "./support/postgres.js";

requirePostgres();

const USERS = 8;
const SENDS_EACH = 60;

interface Counts {
  mentions: number;
  messages: number;
}

/** Stored messages that mention someone, and mention notifications, read from the closed database. */
async function countsIn(dbPath: string, databaseUrl: string | undefined): Promise<Counts> {
  const sql = {
    messages: `SELECT count(*) AS n FROM messages WHERE text LIKE '%@%'`,
    mentions: `SELECT count(*) AS n FROM notifications WHERE kind = 'mention'`,
  };
  if (databaseUrl === undefined) {
    const db = new Database(dbPath, { readonly: true });
    try {
      const count = (q: string) => (db.prepare(q).get() as { n: number }).n;
      return { messages: count(sql.messages), mentions: count(sql.mentions) };
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const count = async (q: string) => Number((await client.query<{ n: string }>(q)).rows[0]?.n);
    return { messages: await count(sql.messages), mentions: await count(sql.mentions) };
  } finally {
    await client.end();
  }
}

describe("graceful shutdown under load", () => {
  const pg = postgresForSuite();

  it.each(["SQLite", "PostgreSQL"])(
    "on %s, every stored mention is notified before the store closes, and nothing fails",
    async (engine) => {
      using db = tempDb();
      const databaseUrl = engine === "PostgreSQL" ? await pg.freshDatabase() : undefined;
      const logged: { msg: string }[] = [];
      const logger = pino(
        { level: "warn" },
        { write: (line: string) => void logged.push(JSON.parse(line)) },
      );
      const server = await startTestServer(
        { dbPath: db.path, ...(databaseUrl !== undefined && { databaseUrl }) },
        { logger },
      );
      using clients = new Clients();
      const users = [];
      for (let u = 0; u < USERS; u++) {
        const user = await clients.hello(server.url, { name: `user${u}` });
        await user.client.join("general");
        users.push(user);
      }
      // Every socket pipelines its sends; each mentions the next user.
      for (let i = 0; i < SENDS_EACH; i++) {
        for (const [u, { client }] of users.entries()) {
          const text = `hello @user${(u + 1) % USERS} (${i})`;
          client.send({ type: "send", room: "general", cid: `c${u}-${i}`, text, ref: `r${i}` });
        }
      }
      // Close while the first acks arrive: commits, acks and notifications are all in flight.
      await users[0]?.client.waitFor("ack");
      await server.close();

      const counts = await countsIn(db.path, databaseUrl);
      expect(counts.messages).toBeGreaterThan(0);
      expect(counts.mentions).toBe(counts.messages);
      expect(logged.map((l) => l.msg)).toEqual([]);
    },
    60_000,
  );
});
