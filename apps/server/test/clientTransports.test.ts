import {
  DuplexClient,
  type DuplexClientOptions,
  type TransportKind,
  type WebSocketLike,
} from "@duplex/client";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

function opened(client: DuplexClient): Promise<void> {
  return new Promise((resolve) => {
    if (client.state.status === "open") return resolve();
    const off = client.on("state", (s) => {
      if (s.status !== "open") return;
      off();
      resolve();
    });
  });
}

function acked(client: DuplexClient, cid: string): Promise<void> {
  return new Promise((resolve) => {
    const off = client.on("outbox", (entries) => {
      if (entries.find((e) => e.cid === cid)?.status !== "acked") return;
      off();
      resolve();
    });
  });
}

/** A network that lets the upgrade hang: no open, no frame, no close. */
class SilentSocket implements WebSocketLike {
  readyState = 0;
  protocol = "";
  bufferedAmount = 0;
  onopen = null;
  onclose = null;
  onerror = null;
  onmessage = null;
  send(): void {}
  close(): void {
    this.readyState = 3;
  }
}

async function chatsThrough(client: DuplexClient, httpServerUrl: string): Promise<void> {
  const { client: peer } = await TestClient.hello(httpServerUrl, { name: "Peer" });
  using _ = peer;
  await peer.join("general");
  client.join("general");
  const entry = client.send("general", "over the fallback");
  await acked(client, entry.cid);
  await peer.waitFor("message", (m) => m.text === "over the fallback");
}

/** A client with `options` opens on `kind` and chats through it with a peer on `serverUrl`. */
async function chatsOver(kind: TransportKind, options: DuplexClientOptions, serverUrl: string) {
  const client = new DuplexClient(options);
  client.connect();
  await opened(client);
  expect(client.activeTransport).toBe(kind);
  await chatsThrough(client, serverUrl);
  expect(client.activeTransport).toBe(kind);
  client.close();
}

describe("client transport option", () => {
  it("auto: falls back to SSE + POST when the WebSocket upgrade is refused", async () => {
    await using world = await testWorld();
    // A path with no WebSocket endpoint: the upgrade is answered 404, as by a blocking proxy.
    const url = world.server.url.replace("/ws", "/blocked");
    await chatsOver("sse", { url, WebSocket, transport: "auto", fetch: false }, world.server.url);
  });

  it("auto: falls back when the upgrade hangs without a frame past the timeout", async () => {
    await using world = await testWorld();
    const { url } = world.server;
    const silent = { WebSocket: SilentSocket, fallbackTimeoutMs: 200 };
    await chatsOver("sse", { url, ...silent, transport: "auto", fetch: false }, url);
  });

  it("auto: stays on WebSocket where it works", async () => {
    await using world = await testWorld();
    const { url } = world.server;
    await chatsOver("websocket", { url, WebSocket, transport: "auto" }, url);
  });

  it("sse: needs no WebSocket implementation at all", async () => {
    await using world = await testWorld();
    const { url } = world.server;
    await chatsOver("sse", { url, transport: "sse", fetch: false }, url);
  });
});
