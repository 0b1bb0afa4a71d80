import { EventEmitter, once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

/**
 * `web-push-testing`: a real Push API service (RFC 8030) on 127.0.0.1 that issues subscriptions,
 * checks each push's VAPID signature against the key the subscription was made with, decrypts the
 * payload (aes128gcm) and keeps it. Run in this process (its CLI daemonizes); the package keeps one
 * model per process, so one service at a time.
 */
interface TestingModel {
  notifyUrl: string;
}
interface ExpressLike {
  use(
    handler: (
      req: { path: string; headers: Record<string, string | undefined> },
      res: {
        statusCode: number;
        on(event: "finish", fn: () => void): void;
        status(code: number): { send(body: unknown): void };
        set(name: string, value: string): void;
      },
      next: () => void,
    ) => void,
  ): void;
}
interface TestingServer {
  _app: ExpressLike;
  _server?: Server;
  startServer(): void;
}

const require = createRequire(import.meta.url);
const { PushApiModel } = require("web-push-testing/src/PushApiModel.js") as {
  PushApiModel: new () => TestingModel;
};
const WebPushTestingServer = require("web-push-testing/src/server.js") as new (
  model: TestingModel,
  port: number,
) => TestingServer;

/** A push request as the service received it, and what it answered. */
export interface ReceivedPush {
  clientHash: string;
  status: number;
  headers: Record<string, string | undefined>;
}

export interface SubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  clientHash: string;
}

export interface PushService {
  /** Its origin, e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Every push request so far, in order. */
  received: ReceivedPush[];
  /** A subscription for `applicationServerKey`, as `PushSubscription.toJSON()` plus its hash. */
  subscribe(applicationServerKey: string): Promise<SubscriptionJson>;
  /** The decrypted payloads delivered to a subscription. */
  messages(clientHash: string): Promise<string[]>;
  /** From now on the subscription answers 410 Gone (the user unsubscribed in the browser). */
  expire(clientHash: string): Promise<void>;
  /** The next `count` pushes are answered `status` (e.g. 503) before the service sees them. */
  failNext(status: number, count: number, retryAfterSeconds?: number): void;
  /** Resolves with the `n`-th push request (1-based) once it has been answered. */
  nthPush(n: number, timeoutMs?: number): Promise<ReceivedPush>;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const model = new PushApiModel();
  const server = new WebPushTestingServer(model, 0);
  const received: ReceivedPush[] = [];
  const events = new EventEmitter();
  let failing: { status: number; count: number; retryAfter?: number } | undefined;
  // Ahead of the service's routes (they are added when it starts): record, or fail on purpose.
  server._app.use((req, res, next) => {
    const match = /^\/notify\/([0-9a-f]+)$/.exec(req.path);
    if (!match?.[1]) return next();
    const push = { clientHash: match[1], status: 0, headers: { ...req.headers } };
    res.on("finish", () => {
      push.status = res.statusCode;
      received.push(push);
      events.emit("push");
    });
    if (failing && failing.count > 0) {
      failing.count -= 1;
      if (failing.retryAfter !== undefined) res.set("retry-after", String(failing.retryAfter));
      res.status(failing.status).send({ error: "failing on purpose" });
      return;
    }
    next();
  });
  const log = console.log;
  console.log = () => {}; // its "Server running on port 0", printed once listening
  let listening: Server | undefined;
  try {
    server.startServer();
    listening = server._server;
    if (!listening) throw new Error("web-push-testing did not start");
    if (!listening.listening) await once(listening, "listening");
    // Its callback runs in the "listening" event, emitted on a later tick even when bound already.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    console.log = log;
  }
  const { port } = listening.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // Endpoints name 127.0.0.1 (it named `localhost` and port 0): the server admits only that host.
  model.notifyUrl = `${origin}/notify/`;

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${origin}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as unknown };
  };

  return {
    origin,
    received,
    async subscribe(applicationServerKey) {
      const res = await post("/subscribe", { userVisibleOnly: "true", applicationServerKey });
      if (res.status !== 200)
        throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.json)}`);
      return (res.json as { data: SubscriptionJson }).data;
    },
    async messages(clientHash) {
      const res = await post("/get-notifications", { clientHash });
      return (res.json as { data: { messages: string[] } }).data.messages;
    },
    async expire(clientHash) {
      const res = await post(`/expire-subscription/${clientHash}`, {});
      if (res.status !== 200) throw new Error(`expire: ${res.status}`);
    },
    failNext(status, count, retryAfter) {
      failing = { status, count, ...(retryAfter !== undefined && { retryAfter }) };
    },
    async nthPush(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < n) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`push ${n} not received (${received.length} so far)`);
        await Promise.race([
          once(events, "push"),
          new Promise((resolve) => setTimeout(resolve, left).unref()),
        ]);
      }
      const push = received[n - 1];
      if (!push) throw new Error("unreachable");
      return push;
    },
    close: () =>
      new Promise<void>((resolve) => {
        listening.closeAllConnections();
        listening.close(() => resolve());
      }),
  };
}
