import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  SUBPROTOCOL,
  decodeServerMessage,
  encode,
  type ClientMessage,
  type ClientMessageOf,
  type ServerMessage,
  type ServerMessageOf,
  type ServerMessageType,
  type User,
} from "@duplex/protocol";
import { expect } from "vitest";
import { WebSocket, type ClientOptions } from "ws";
import { startServer, type RunningServer } from "../src/index.js";
import { SseLink } from "./support/sseLink.js";
import type { StartOptions } from "../src/startServer.js";
import type { Config } from "../src/config.js";

export const TEST_SECRET = "integration-test-secret-0123456789";

/** A fresh SQLite path in its own temp directory; the directory goes when the handle is disposed. */
export function tempDb(): { path: string; [Symbol.dispose](): void } {
  const dir = mkdtempSync(join(tmpdir(), "duplex-server-test-"));
  return {
    path: join(dir, "duplex.db"),
    [Symbol.dispose]: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The real server on a free port, quiet, with a fixed token secret unless overridden. */
export function startTestServer(
  overrides: Partial<Config> & { dbPath: string },
  options: StartOptions = {},
): Promise<RunningServer> {
  // No built web app unless a test brings one: whether apps/web/dist exists must not change results.
  const webDist = join(dirname(overrides.dbPath), "no-web-dist");
  return startServer(
    {
      port: 0,
      logLevel: "silent",
      tokenSecret: TEST_SECRET,
      webDist,
      ...overrides,
    },
    options,
  );
}

export interface Closed {
  code: number;
  reason: string;
}

interface Waiter {
  match: (m: ServerMessage) => boolean;
  resolve: (m: ServerMessage) => void;
}

export interface ConnectOptions extends ClientOptions {
  /** @default [SUBPROTOCOL] */
  protocols?: string[];
  /** `sse`: the same protocol over Server-Sent Events + POST (the client's fallback). @default websocket */
  transport?: "websocket" | "sse";
}

/**
 * A protocol-speaking `ws` client for tests: collects every server message; `waitFor` takes the first
 * not-yet-taken message of a type (and predicate), waiting for it if needed.
 */
export class TestClient {
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  readonly #taken = new Set<ServerMessage>();
  readonly #waiters = new Set<Waiter>();
  readonly #presenceTaken = new Map<string, number>();
  /** Called after every message is recorded: conditions over `received` wait on this. */
  readonly #listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    ws.on("message", (data) => {
      const decoded = decodeServerMessage(String(data));
      if (!decoded.ok) throw new Error(`server sent an invalid message: ${decoded.error.message}`);
      // Readers are tolerant, writers strict: the server may send nothing outside the schema.
      if (decoded.ignored) throw new Error(`server wrote outside the schema: ${decoded.ignored}`);
      const message = decoded.value;
      this.received.push(message);
      for (const waiter of this.#waiters) {
        if (!this.#taken.has(message) && waiter.match(message)) {
          this.#taken.add(message);
          this.#waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
      for (const listener of this.#listeners) listener();
    });
  }

  static connect(url: string, options: ConnectOptions = {}): Promise<TestClient> {
    const { protocols = [SUBPROTOCOL], transport, ...rest } = options;
    // The SSE link speaks through the same event API; the test client cannot tell them apart.
    const ws =
      transport === "sse"
        ? (new SseLink(url, protocols) as unknown as WebSocket)
        : new WebSocket(url, protocols, rest);
    ws.on("error", () => {}); // surfaced through `closed` / the open promise instead
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
    });
  }

  /** Connects and completes `hello`. */
  static async hello(
    url: string,
    hello: Omit<ClientMessageOf<"hello">, "type"> = {},
    options?: ConnectOptions,
  ): Promise<{ client: TestClient; welcome: ServerMessageOf<"welcome"> }> {
    const client = await TestClient.connect(url, options);
    client.send({ type: "hello", ...hello });
    return { client, welcome: await client.waitFor("welcome") };
  }

  send(message: ClientMessage): void {
    this.ws.send(encode(message));
  }

  /** Sends a chat message and waits for its ack (matched by `cid`). */
  sendAndAck(room: string, text: string, cid: string): Promise<ServerMessageOf<"ack">> {
    this.send({ type: "send", room, cid, text });
    return this.waitFor("ack", (m) => m.cid === cid);
  }

  /** Every message of `type` received so far, in order, waited for or not. */
  receivedOf<T extends ServerMessageType>(type: T): ServerMessageOf<T>[] {
    return this.received.filter((m): m is ServerMessageOf<T> => m.type === type);
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  waitFor<T extends ServerMessageType>(
    type: T,
    predicate: (m: ServerMessageOf<T>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<ServerMessageOf<T>> {
    const match = (m: ServerMessage): m is ServerMessageOf<T> =>
      m.type === type && predicate(m as ServerMessageOf<T>);
    const already = this.received.find((m) => !this.#taken.has(m) && match(m));
    if (already) {
      this.#taken.add(already);
      return Promise.resolve(already as ServerMessageOf<T>);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve: (m) => resolve(m as ServerMessageOf<T>) };
      this.#waiters.add(waiter);
      setTimeout(() => {
        if (!this.#waiters.delete(waiter)) return;
        const seen = this.received.map((m) => m.type).join(", ");
        reject(new Error(`timed out waiting for "${type}"; received: [${seen}]`));
      }, timeoutMs).unref();
    });
  }

  /**
   * Presence changes received so far, in order, whether announced alone (`presence`) or several at
   * once (`presence_diff`, which the server sends when changes of one room fall in one window).
   */
  presenceChanges(room?: string): { event: "join" | "leave"; user: User }[] {
    return this.received.flatMap((m) => {
      if (room !== undefined && "room" in m && m.room !== room) return [];
      if (m.type === "presence") return [{ event: m.event, user: m.user }];
      if (m.type !== "presence_diff") return [];
      return [
        ...m.left.map((user) => ({ event: "leave" as const, user })),
        ...m.joined.map((user) => ({ event: "join" as const, user })),
      ];
    });
  }

  /** Waits for the next announcement of `userId`'s `event` (alone or batched) not waited for yet. */
  async waitForPresence(event: "join" | "leave", userId: string, timeoutMs = 5_000): Promise<void> {
    const key = `${event} ${userId}`;
    const taken = this.#presenceTaken.get(key) ?? 0;
    const count = () =>
      this.presenceChanges().filter((c) => c.event === event && c.user.id === userId).length;
    if (count() <= taken) {
      await new Promise<void>((resolve, reject) => {
        const check = () => {
          if (count() <= taken) return;
          clearTimeout(timer);
          this.#listeners.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          this.#listeners.delete(check);
          const seen = this.received.map((m) => m.type).join(", ");
          reject(new Error(`timed out waiting for presence ${key}; received: [${seen}]`));
        }, timeoutMs).unref();
        this.#listeners.add(check);
      });
    }
    this.#presenceTaken.set(key, taken + 1);
  }

  /** Joins and returns the `joined` reply. */
  async join(
    room: string,
    since?: { seq: number; epoch: string },
  ): Promise<ServerMessageOf<"joined">> {
    this.send({ type: "join", room, ...(since && { since }) });
    return this.waitFor("joined", (m) => m.room === room);
  }

  /** Round-trips a ping: proves the connection is still open and usable. */
  async roundTrip(): Promise<void> {
    const t = Math.random();
    this.send({ type: "ping", t });
    await this.waitFor("pong", (m) => m.t === t);
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.terminate();
    }
  }

  [Symbol.dispose](): void {
    this.close();
  }
}

/**
 * Clients that close together, for tests that sign in several on servers of their own (a world's
 * clients close with the world): `using clients = new Clients(); await clients.hello(url, …)`.
 */
export class Clients implements Disposable {
  readonly #all: TestClient[] = [];

  /** Connects and completes `hello`, as {@link TestClient.hello}; closed with the others. */
  async hello(
    url: string,
    hello: Omit<ClientMessageOf<"hello">, "type"> = {},
    options?: ConnectOptions,
  ): Promise<{ client: TestClient; welcome: ServerMessageOf<"welcome"> }> {
    const signedIn = await TestClient.hello(url, hello, options);
    this.#all.push(signedIn.client);
    return signedIn;
  }

  [Symbol.dispose](): void {
    for (const client of this.#all) client.close();
  }
}

/** The next `error` the client gets matches `expected`, and the connection stays usable. */
export async function expectErrorKeepsConnection(
  client: TestClient,
  expected: Partial<ServerMessageOf<"error">>,
): Promise<void> {
  expect(await client.waitFor("error")).toMatchObject(expected);
  await client.roundTrip();
}

/** Attempts an upgrade expected to fail; resolves with the HTTP status and body the server sent. */
export function refusedUpgrade(
  url: string,
  protocols: string[],
  headers: Record<string, string> = {},
  options: ClientOptions = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { ...options, headers });
    ws.on("error", () => {});
    ws.on("open", () => reject(new Error("upgrade unexpectedly succeeded")));
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}
