import { once } from "node:events";
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MAX_HELD_BYTES, holdWrites, releaseIfLarge, socketFlushCount } from "./writeCoalescing.js";

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
    let received = "";
    peer.setEncoding("utf8").on("data", (chunk: string) => (received += chunk));

    for (const frame of ["one,", "two,", "three"]) {
      holdWrites(client);
      client.write(frame);
    }
    expect(flushes()).toBe(0);

    await nextTick();
    expect(flushes()).toBe(1);
    expect(socketFlushCount() - counted).toBe(1);
    await vi.waitFor(() => expect(received).toBe("one,two,three"));
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
