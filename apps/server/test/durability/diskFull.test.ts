import { closeSync, openSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { LIMITS, type ServerMessageOf } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { TestClient, startTestServer } from "../helpers.js";
import { mountTmpfs } from "../support/tmpfs.js";

/** Fills the file system holding `path` until the kernel says ENOSPC. */
function fillDisk(path: string): void {
  const fd = openSync(path, "w");
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
}

type Reply = ServerMessageOf<"ack"> | ServerMessageOf<"error">;

/** Sends one message and waits for its ack or its error, whichever comes. */
async function trySend(client: TestClient, cid: string, text: string): Promise<Reply> {
  const from = client.received.length;
  client.send({ type: "send", room: "general", cid, text, ref: cid });
  return vi.waitFor(
    () => {
      const reply = client.received
        .slice(from)
        .find(
          (m): m is Reply =>
            (m.type === "ack" && m.cid === cid) || (m.type === "error" && m.ref === cid),
        );
      if (!reply) throw new Error(`no reply to ${cid}`);
      return reply;
    },
    { timeout: 5_000, interval: 5 },
  );
}

describe("a full disk", () => {
  it("refuses sends with a clear error and no ack, keeps reads working, writes nothing half, and resumes once space is freed", async () => {
    using fs = mountTmpfs(2 * 1024 * 1024);
    const dbPath = join(fs.dir, "duplex.db");
    const filler = join(fs.dir, "filler");
    const limits = loadConfig({ ABUSE_LIMITS: "off" }).limits;
    const started = Date.now();
    await using server = await startTestServer({ dbPath, limits });
    const { client: ann } = await TestClient.hello(server.url, { name: "Ann" });
    const { client: ben } = await TestClient.hello(server.url, { name: "Ben" });
    await ann.join("general");
    await ben.join("general");
    const text = "x".repeat(LIMITS.maxTextLength);
    const acked: ServerMessageOf<"ack">[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await trySend(ann, `ok-${i}`, text);
      if (reply.type !== "ack")
        throw new Error(`send before the disk filled up failed: ${reply.message}`);
      acked.push(reply);
    }

    fillDisk(filler);
    // The log may reuse space it already holds for a few more commits; then the disk is full.
    let refused: ServerMessageOf<"error"> | undefined;
    for (let i = 0; i < 200 && refused === undefined; i++) {
      const reply = await trySend(ann, `full-${i}`, text);
      if (reply.type === "ack") acked.push(reply);
      else refused = reply;
    }
    if (!refused) throw new Error("200 sends of 4,000 characters fit on a full 2 MiB disk");
    expect(refused.code).toBe("internal");
    expect(refused.message).toMatch(/message not stored: the database disk is full/);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    const refusedCid = refused.ref!;
    // Refused again while still full, and never acked.
    const again = await trySend(ann, refusedCid, text);
    expect(again.type).toBe("error");

    // Reads still work: history for the sender, a join for the other member.
    ann.send({ type: "history", room: "general", limit: 3, ref: "h" });
    const history = await ann.waitFor("history");
    expect(history.messages.map((m) => m.seq)).toEqual(acked.slice(-3).map((a) => a.seq));
    ben.send({ type: "leave", room: "general" });
    await ben.waitFor("left");
    const rejoined = await ben.join("general");
    expect(rejoined.seq).toBe(acked.at(-1)!.seq);

    // Nothing half-written: the file checks out and holds exactly the acked messages.
    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = check
      .prepare<[], { cid: string; seq: number }>(`SELECT cid, seq FROM messages ORDER BY seq`)
      .all();
    check.close();
    expect(rows).toEqual(acked.map((a) => ({ cid: a.cid, seq: a.seq })));

    // Space freed: the same message (same cid, as the client's outbox re-sends it) is stored once,
    // under the next seq, and reaches the other member with no gap.
    unlinkSync(filler);
    const resumed = await trySend(ann, refusedCid, text);
    if (resumed.type !== "ack")
      throw new Error(`still refused after freeing space: ${resumed.message}`);
    expect(resumed.seq).toBe(acked.at(-1)!.seq + 1);
    const delivered = await ben.waitFor("message", (m) => m.cid === refusedCid);
    expect(delivered.seq).toBe(resumed.seq);
    console.info(
      `disk full: ${acked.length} acked, refused after the disk filled, resumed at seq ${resumed.seq} in ${Date.now() - started} ms`,
    );
    ann.close();
    ben.close();
  }, 20_000);
});
