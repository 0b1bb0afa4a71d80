import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "./SqliteStore.js";
import { notificationStoreContract } from "./notificationStoreContract.js";
import { storeContract } from "./storeContract.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-store-"));
let n = 0;
const freshPath = () => join(dir, `store-${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract("SqliteStore", async () => new SqliteStore(freshPath()));
notificationStoreContract("SqliteStore", async () => new SqliteStore(freshPath()));

describe("SqliteStore", () => {
  it("keeps messages and the room epoch across reopening the same file", async () => {
    const path = freshPath();
    const first = new SqliteStore(path);
    await first.upsertUser({ id: "u_aliceaaaaaaaaaaa", name: "Alice" });
    const { message } = await first.append({
      room: "general",
      userId: "u_aliceaaaaaaaaaaa",
      cid: "c1",
      text: "persisted",
      id: "m_1",
      ts: 1,
    });
    const epoch = (await first.getRoom("general"))?.epoch;
    await first.close();

    const second = new SqliteStore(path);
    expect((await second.page("general", 10)).messages).toEqual([message]);
    expect((await second.getRoom("general"))?.epoch).toBe(epoch);
    await second.close();
  });

  it("creates the database directory if missing", async () => {
    const store = new SqliteStore(join(dir, "nested", "deeper", "x.db"));
    expect(await store.listRooms()).toEqual([]);
    await store.close();
  });
});
