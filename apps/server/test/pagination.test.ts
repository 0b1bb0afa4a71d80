import { ErrorCode } from "@duplex/protocol";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../src/index.js";
import { abuseLimitsFromEnv } from "../src/limits/limitsConfig.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("history pagination boundaries", () => {
  let db: ReturnType<typeof tempDb>;
  let server: RunningServer;
  let client: TestClient;

  /** Stores `count` messages in `room` through the real send path. */
  async function seed(room: string, count: number): Promise<void> {
    await client.join(room);
    for (let i = 1; i <= count; i++) {
      client.send({ type: "send", room, cid: `${room}-${i}`, text: `${room} ${i}` });
    }
    await client.waitFor("ack", (m) => m.cid === `${room}-${count}`);
  }

  async function history(room: string, before?: number, limit?: number) {
    const ref = `h${Math.random()}`;
    client.send({ type: "history", room, ref, before, limit }); // an undefined field is not sent
    const page = await client.waitFor("history", (m) => m.ref === ref);
    return { seqs: page.messages.map((m) => m.seq), hasMore: page.hasMore };
  }

  beforeAll(async () => {
    db = tempDb();
    // Seeding sends faster than a person types: rate limits off.
    server = await startTestServer({
      dbPath: db.path,
      limits: abuseLimitsFromEnv({ ABUSE_LIMITS: "off" }),
    });
    ({ client } = await TestClient.hello(server.url, { name: "Pager" }));
    await seed("big", 120);
    await seed("fifty", 50);
    await seed("fiftyone", 51);
  });

  afterAll(async () => {
    client.close();
    await server.close();
    db[Symbol.dispose]();
  });

  it("answers before=1 and before=0 with an empty page and hasMore false", async () => {
    expect(await history("big", 1)).toEqual({ seqs: [], hasMore: false });
    expect(await history("big", 0)).toEqual({ seqs: [], hasMore: false });
    expect(await history("big", 2)).toEqual({ seqs: [1], hasMore: false });
  });

  it("treats before beyond the head like no before: the latest page", async () => {
    expect(await history("big", 1_000_000)).toEqual({ seqs: range(71, 120), hasMore: true });
    expect(await history("big", 121, 100)).toEqual({ seqs: range(21, 120), hasMore: true });
  });

  it("sets hasMore exactly: false when the page reaches seq 1, true when one more is left", async () => {
    expect(await history("big", 101, 100)).toEqual({ seqs: range(1, 100), hasMore: false });
    expect(await history("big", 102, 100)).toEqual({ seqs: range(2, 101), hasMore: true });
    expect(await history("big", 3, 1)).toEqual({ seqs: [2], hasMore: true });
  });

  it("carries the latest 50 in joined, with hasMore exact at 50 and 51 messages", async () => {
    const { client: reader } = await TestClient.hello(server.url, { name: "Reader" });
    using _r = reader;
    const fifty = await reader.join("fifty");
    expect([fifty.messages.length, fifty.hasMore, fifty.seq]).toEqual([50, false, 50]);
    const fiftyOne = await reader.join("fiftyone");
    expect(fiftyOne.messages.map((m) => m.seq)).toEqual(range(2, 51));
    expect(fiftyOne.hasMore).toBe(true);
    const empty = await reader.join("nothing-here");
    expect([empty.messages, empty.hasMore, empty.seq]).toEqual([[], false, 0]);
  });

  it("walks back from the head to seq 1 without gaps or repeats", async () => {
    const seen: number[] = [];
    let page = await history("big", undefined, 33);
    seen.unshift(...page.seqs);
    while (page.hasMore) {
      page = await history("big", seen[0], 33);
      seen.unshift(...page.seqs);
    }
    expect(seen).toEqual(range(1, 120));
  });

  it("refuses limits outside 1–100 with invalid_message", async () => {
    for (const limit of [0, 101]) {
      client.sendRaw(JSON.stringify({ type: "history", room: "big", limit, ref: `l${limit}` }));
      expect(await client.waitFor("error", (m) => m.ref === `l${limit}`)).toMatchObject({
        code: ErrorCode.InvalidMessage,
      });
    }
    expect(await history("big", undefined, 1)).toEqual({ seqs: [120], hasMore: true });
    expect((await history("big", undefined, 100)).seqs).toEqual(range(21, 120));
  });
});
