import type { ChatMessage } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { RecordingClient, freePort, tempDb } from "./fixtures.js";
import { ServerProcess } from "./serverProcess.js";

/** Every message once, in strictly increasing seq order. */
function expectCleanView(view: ChatMessage[]): void {
  const seqs = view.map((m) => m.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  expect(new Set(seqs).size).toBe(seqs.length);
  expect(new Set(view.map((m) => m.id)).size).toBe(view.length);
}

describe("resilience against a real server process", () => {
  it("survives SIGKILL mid-stream: every message acked, both views complete, once, in order", async () => {
    using db = tempDb();
    const port = await freePort();
    const env = {
      PORT: String(port),
      DB_PATH: db.path,
      TOKEN_SECRET: "k".repeat(32),
      HEARTBEAT_MS: "1000",
    };
    let server = await ServerProcess.start(env);
    const url = `ws://127.0.0.1:${port}/ws`;
    const backoff = { baseMs: 100, capMs: 1000 };
    using a = new RecordingClient({ url, name: "alice", backoff });
    using b = new RecordingClient({ url, name: "bob", backoff });
    try {
      for (const c of [a, b]) {
        c.client.join("general");
        c.client.connect();
      }
      await Promise.all([a.until("open"), b.until("open")]);
      await vi.waitFor(() => expect(a.views.has("general") && b.views.has("general")).toBe(true));

      const TOTAL = 200;
      const sent: string[] = [];
      let killedAt = 0;
      let queuedWhileDown = 0;
      let listeningAt = 0;
      let bothOpen: Promise<number> = Promise.resolve(0);
      for (let i = 0; i < TOTAL; i += 1) {
        sent.push(a.client.send("general", `message ${i}`).cid);
        if (i === 80) {
          server.signal("SIGKILL");
          killedAt = Date.now();
          await server.exited;
        }
        if (i === 160) {
          // The stream went on while the server was down; now it comes back on the same port and file.
          queuedWhileDown = a.client.outbox.filter((e) => e.status === "queued").length;
          server = await ServerProcess.start(env);
          listeningAt = Date.now();
          bothOpen = Promise.all([a.until("open"), b.until("open")]).then(() => Date.now());
        }
        await new Promise((r) => setTimeout(r, 10)); // a steady stream
      }
      await vi.waitFor(
        () => {
          expect(a.client.state.status).toBe("open");
          expect(b.client.state.status).toBe("open");
        },
        { timeout: 15_000, interval: 10 },
      );
      const recoveredAt = await bothOpen;
      await vi.waitFor(
        () => {
          expect(a.client.outbox).toEqual([]);
          expect(b.view("general")).toHaveLength(TOTAL);
        },
        { timeout: 15_000, interval: 20 },
      );

      const ackedInOutbox = sent.filter((cid) => a.acked.has(cid));
      console.log(
        `[kill test] sent ${sent.length}, acked ${ackedInOutbox.length}, received by B ${b.view("general").length}, ` +
          `A's view ${a.view("general").length}; ${queuedWhileDown} queued while down; both clients ` +
          `open again ${recoveredAt - listeningAt} ms after the new server listened ` +
          `(down ${listeningAt - killedAt} ms)`,
      );
      expect(queuedWhileDown).toBeGreaterThanOrEqual(80);
      expect(ackedInOutbox).toHaveLength(TOTAL);
      for (const view of [a.view("general"), b.view("general")]) {
        expectCleanView(view);
        expect(view.map((m) => m.cid)).toEqual(sent);
      }
      expect(a.view("general").map((m) => m.id)).toEqual(b.view("general").map((m) => m.id));
    } finally {
      await server[Symbol.asyncDispose]();
    }
  }, 60_000);

  it("finds a half-open link (server paused with SIGSTOP) within two heartbeat periods", async () => {
    using db = tempDb();
    const port = await freePort();
    const HEARTBEAT_MS = 500;
    await using server = await ServerProcess.start({
      PORT: String(port),
      DB_PATH: db.path,
      TOKEN_SECRET: "k".repeat(32),
      HEARTBEAT_MS: String(HEARTBEAT_MS),
    });
    using a = new RecordingClient({ url: `ws://127.0.0.1:${port}/ws`, name: "alice" });
    a.client.connect();
    await a.until("open");
    await new Promise<void>((resolve) => {
      const off = a.client.on("rtt", () => {
        off();
        resolve();
      });
    }); // the heartbeat is running

    const dead = a.until("reconnecting");
    server.signal("SIGSTOP");
    const stoppedAt = Date.now();
    await dead;
    const detectedAfterMs = Date.now() - stoppedAt;
    console.log(
      `[half-open] dead link detected ${detectedAfterMs} ms after SIGSTOP (heartbeat ${HEARTBEAT_MS} ms)`,
    );
    expect(a.client.state.lastClose).toMatchObject({ code: 1006, retryable: true });
    expect(detectedAfterMs).toBeLessThanOrEqual(2 * HEARTBEAT_MS);

    server.signal("SIGCONT");
    await a.until("open");
  }, 30_000);
});
