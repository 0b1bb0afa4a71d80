import { once } from "node:events";
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BIG_FLUSH_SOCKETS } from "./adaptiveFlush.js";
import {
  MAX_HELD_BYTES,
  broadcastWrites,
  holdWrites,
  releaseIfLarge,
  socketFlushCount,
} from "./writeCoalescing.js";

const opened: { server: Server; client: Socket; peer: Socket }[] = [];

/** A loopback TCP pair: writes on `client` arrive at `peer`. */
async function socketPair(): Promise<{ client: Socket; peer: Socket }> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const accepted = once(server, "connection") as Promise<[Socket]>;
  const client = connect(address.port, "127.0.0.1");
  await once(client, "connect");
  const [peer] = await accepted;
  opened.push({ server, client, peer });
  return { client, peer };
}

/** Counts the writes the stream hands to the OS (one `_writev` or `_write` per flush). */
function countFlushes(socket: Socket): () => number {
  const target = socket as unknown as Record<"_writev" | "_write", (...args: unknown[]) => void>;
  const writev = vi.spyOn(target, "_writev");
  const write = vi.spyOn(target, "_write");
  return () => writev.mock.calls.length + write.mock.calls.length;
}

/** Everything `peer` has read so far, as text. */
function readsOf(peer: Socket): () => string {
  let received = "";
  peer.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));
  return () => received;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  for (const { server, client, peer } of opened.splice(0)) {
    client.destroy();
    peer.destroy();
    server.close();
  }
});

describe("holdWrites", () => {
  it("sends every frame of one tick in a single write, in order", async () => {
    const { client, peer } = await socketPair();
    const flushes = countFlushes(client);
    const counted = socketFlushCount();
    const received = readsOf(peer);

    for (const frame of ["one,", "two,", "three"]) {
      holdWrites(client);
      client.write(frame);
    }
    expect(flushes()).toBe(0);

    await nextTick();
    expect(flushes()).toBe(1);
    expect(socketFlushCount() - counted).toBe(1);
    await vi.waitFor(() => expect(received()).toBe("one,two,three"));
  });

  it("flushes a socket early once it holds more than the bound", async () => {
    const { client } = await socketPair();
    const flushes = countFlushes(client);
    const counted = socketFlushCount();
    holdWrites(client);
    client.write(Buffer.alloc(MAX_HELD_BYTES / 2));
    releaseIfLarge(client);
    expect(client.writableCorked).toBe(1);

    client.write(Buffer.alloc(MAX_HELD_BYTES));
    releaseIfLarge(client);
    expect(client.writableCorked).toBe(0);
    expect(flushes()).toBe(1);

    // The next write of the same tick is held again and still flushed by the shared tick.
    holdWrites(client);
    client.write("tail");
    expect(client.writableCorked).toBe(1);
    await nextTick();
    expect(client.writableCorked).toBe(0);
    expect(socketFlushCount() - counted).toBe(2);
  });
});

// Last in the file: the saturated case leaves the process's flush in its gathering mode.
describe("broadcastWrites", () => {
  /** One socket's share of a broadcast, as Connection.sendFrame writes it. */
  const sendTo = (socket: Socket, frame: string) => {
    holdWrites(socket);
    socket.write(frame);
  };

  it("holds a small room's frames for the tick's one write", async () => {
    const { client } = await socketPair();
    const flushes = countFlushes(client);
    broadcastWrites(BIG_FLUSH_SOCKETS - 1, () => sendTo(client, "small"));
    expect(client.writableCorked).toBe(1);
    expect(flushes()).toBe(0);
    await nextTick();
    expect(flushes()).toBe(1);
  });

  it("writes a big room's frame at once on a server that is not saturated", async () => {
    const { client, peer } = await socketPair();
    const flushes = countFlushes(client);
    const counted = socketFlushCount();
    const received = readsOf(peer);
    broadcastWrites(BIG_FLUSH_SOCKETS, () => sendTo(client, "big"));
    expect(client.writableCorked).toBe(0);
    expect(flushes()).toBe(1);
    expect(socketFlushCount() - counted).toBe(1);
    await vi.waitFor(() => expect(received()).toBe("big"));
  });

  it("puts a big room's frame behind what a socket already holds this tick", async () => {
    const { client, peer } = await socketPair();
    const flushes = countFlushes(client);
    const received = readsOf(peer);
    sendTo(client, "ack,");
    broadcastWrites(BIG_FLUSH_SOCKETS, () => sendTo(client, "message"));
    expect(flushes()).toBe(0);
    await nextTick();
    expect(flushes()).toBe(1);
    await vi.waitFor(() => expect(received()).toBe("ack,message"));
  });

  it("holds and gathers when the next broadcast comes right after a long one (saturated)", async () => {
    const { client, peer } = await socketPair();
    const received = readsOf(peer);
    const busyUntil = performance.now() + 20;
    broadcastWrites(BIG_FLUSH_SOCKETS, () => {
      sendTo(client, "first,");
      while (performance.now() < busyUntil);
    });
    broadcastWrites(BIG_FLUSH_SOCKETS, () => sendTo(client, "second,"));
    broadcastWrites(BIG_FLUSH_SOCKETS, () => sendTo(client, "third"));
    // The two later frames share one gathered write.
    expect(client.writableCorked).toBe(1);
    await vi.waitFor(() => expect(received()).toBe("first,second,third"));
  });
});
