import { CloseCode } from "@duplex/protocol";
import { startServer } from "@duplex/server";
import { describe, expect, it, vi } from "vitest";
import { DuplexClient } from "../src/DuplexClient.js";
import { SIGNED_OUT } from "../src/outbox.js";
import { controllableOnline } from "./harness.js";
import { recordingWebSocket } from "./recordingWebSocket.js";
import { tempDb } from "./fixtures.js";

const TTL_MS = 1_500;

/** A real server on port 0 whose tokens last {@link TTL_MS}. */
function startShortTokenServer(dbPath: string) {
  return startServer({ port: 0, dbPath, logLevel: "silent", tokenTtlMs: TTL_MS });
}

/** Resolves with the expiry of the next token the client is given (welcome or a pushed `token`). */
function nextToken(client: DuplexClient): Promise<number> {
  return new Promise((resolve) => {
    const off = client.on("message", (m) => {
      if (m.type !== "token" && m.type !== "welcome") return;
      off();
      resolve(m.type === "token" ? m.expiresAt : m.tokenExpiresAt);
    });
  });
}

function until(client: DuplexClient, status: DuplexClient["state"]["status"]): Promise<void> {
  return vi.waitFor(() => expect(client.state.status).toBe(status), { timeout: TTL_MS * 3 });
}

describe("DuplexClient and token lifetimes (real server, 1.5 s tokens)", () => {
  it("keeps reconnecting as the same user across several token lifetimes", async () => {
    using db = tempDb();
    await using server = await startShortTokenServer(db.path);
    const ws = recordingWebSocket();
    const client = new DuplexClient({
      url: server.url,
      name: "longlived",
      WebSocket: ws.WebSocket,
      backoff: { baseMs: 20, capMs: 50 },
    });
    const welcomed = nextToken(client);
    client.connect();
    await welcomed;
    const userId = client.user?.id;
    const startedAt = Date.now();
    for (let round = 0; round < 4; round += 1) {
      await nextToken(client); // a pushed refresh
      const reopened = nextToken(client); // the next welcome
      ws.cut();
      await reopened;
      expect(client.state.lastClose?.code).toBe(CloseCode.Abnormal);
      expect(client.user?.id).toBe(userId);
    }
    expect(Date.now() - startedAt).toBeGreaterThan(TTL_MS * 3);
    client.close();
  });

  it("is refused with 4401 after being offline past expiry, stops, and keeps its outbox for the user to decide", async () => {
    using db = tempDb();
    await using server = await startShortTokenServer(db.path);
    const ws = recordingWebSocket();
    const online = controllableOnline();
    const client = new DuplexClient({
      url: server.url,
      name: "sleeper",
      WebSocket: ws.WebSocket,
      online,
      backoff: { baseMs: 20, capMs: 50 },
    });
    let expiresAt = 0;
    client.on("message", (m) => {
      if (m.type === "welcome") expiresAt = m.tokenExpiresAt;
      if (m.type === "token") expiresAt = m.expiresAt;
    });
    client.join("general");
    client.connect();
    await until(client, "open");
    const firstId = client.user?.id;

    online.set(false);
    ws.cut();
    await until(client, "reconnecting");
    const entry = client.send("general", "written on the train");
    await expect.poll(() => Date.now(), { timeout: TTL_MS * 2 }).toBeGreaterThan(expiresAt);
    online.set(true);

    await until(client, "closed");
    expect(client.state.lastClose).toEqual({
      code: CloseCode.Unauthorized,
      reason: "invalid or expired token",
      retryable: false,
    });
    expect(client.outbox).toEqual([
      expect.objectContaining({ cid: entry.cid, status: "failed", error: SIGNED_OUT }),
    ]);

    // Signing in again is a new identity; the old message waits for the user's say.
    const acked: string[] = [];
    client.on("message", (m) => {
      if (m.type === "ack") acked.push(m.cid);
    });
    client.connect();
    await until(client, "open");
    expect(client.user?.id).not.toBe(firstId);
    expect(client.outbox[0]?.status).toBe("failed");
    client.retry(entry.cid);
    await vi.waitFor(() => expect(acked).toEqual([entry.cid]));
    client.close();
  });
});
