import { randomBytes } from "node:crypto";
import { devTokenSecret } from "./session/devTokenSecret.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloseCode, LIMITS, SUPPORTED_SUBPROTOCOLS, WS_PATH } from "@duplex/protocol";
import { WebSocket, WebSocketServer } from "ws";
import type { Broker } from "./broker/Broker.js";
import { openScaleOut } from "./broker/redis/openScaleOut.js";
import { RedisBroker } from "./broker/redis/RedisBroker.js";
import { startChat } from "./chat/Chat.js";
import { startRetention } from "./chat/Retention.js";
import { startRoomJanitor } from "./chat/RoomJanitor.js";
import { OccupancyFeed } from "./chat/OccupancyFeed.js";
import { PresenceFeed } from "./chat/PresenceFeed.js";
import { ConfigError, loadConfig, originsForPort, type Config } from "./config.js";
import { acceptConnection } from "./connection/acceptConnection.js";
import type { Connection } from "./connection/Connection.js";
import { startHeartbeat } from "./connection/heartbeat.js";
import { RoomFanout } from "./fanout/RoomFanout.js";
import { storeSequenceSource } from "./fanout/roomSequencer.js";
import type { ServerContext } from "./context.js";
import { NOTIFICATIONS_PATH, createNotificationsApi } from "./http/notificationsApi.js";
import {
  METRICS_PATH,
  createMetrics,
  createStoreLatency,
  observeStoreLatency,
} from "./http/metrics.js";
import { exposeMetrics } from "./http/metricsExposure.js";
import { AuthFailures } from "./http/bearerAuth.js";
import { READYZ_PATH, createReadyz } from "./http/readyz.js";
import { createRequestHandler } from "./http/requestHandler.js";
import { checkUpgrade, isEchoUpgrade, refuseUpgrade } from "./http/upgrade.js";
import { createEchoServer } from "./echo/echoServer.js";
import { notePingSent } from "./inspector/controlFrames.js";
import { recordHandshake, trackHandshakeResponses } from "./inspector/handshakes.js";
import { HTTP_PROBE_PATH, httpProbe } from "./inspector/httpProbe.js";
import { addressKey } from "./limits/addressKey.js";
import { Budgets } from "./limits/Budgets.js";
import { gateTcp } from "./limits/tcpGate.js";
import { ConnectionLimiter } from "./limits/connectionLimiter.js";
import { FRAME_LIMITS } from "./limits/frameLimits.js";
import { createLogger, type Logger } from "./logger.js";
import type { Presence } from "./presence/Presence.js";
import { startPush } from "./push/Push.js";
import { redisClusterStats } from "./push/stats/redis/RedisClusterStats.js";
import { OnlineUsers } from "./session/OnlineUsers.js";
import { SessionEnder } from "./session/SessionEnder.js";
import { authRoutes } from "./accounts/authApi.js";
import { passkeyRoutes } from "./accounts/passkeysApi.js";
import { adminRoutes } from "./accounts/adminApi.js";
import { meRoutes } from "./accounts/meApi.js";
import { nameKey } from "./names/nameKey.js";
import { LoginLockout } from "./accounts/LoginLockout.js";
import { Sessions } from "./session/Sessions.js";
import { openStore, storeLabel } from "./store/openStore.js";
import { timedStore } from "./store/timedStore.js";
import { newTrafficCounters } from "./connection/trafficCounters.js";
import { ToleratedInput } from "./connection/toleratedInput.js";
import { startModeration } from "./moderation/Moderation.js";
import { evictFromRoom } from "./handlers/rooms.js";
import { roomsApiRoutes } from "./accounts/roomsApi.js";
import { Files } from "./files/Files.js";
import { filesConfig } from "./files/filesConfig.js";
import { filesRoutes } from "./files/filesApi.js";
import { deleteOrphanedFiles } from "./files/storeUpload.js";
import { sseRoutes } from "./sse/sseRoutes.js";
import { openVisibleTabs } from "./webpush/openVisibleTabs.js";
import { WebPush } from "./webpush/WebPush.js";
import { CompareRuns } from "./compare/CompareRuns.js";
import { compareRoutes } from "./compare/compareRoutes.js";
import { createCompareSockets } from "./compare/compareSockets.js";
import { webPushRoutes } from "./webpush/webPushRoutes.js";
import { mayInterrupt } from "./receipts/notifyFilter.js";

/** A started server. `await using server = await startServer(…)` closes it at the end of the scope. */
export interface RunningServer {
  /** WebSocket endpoint, e.g. `ws://127.0.0.1:8080/ws`. */
  url: string;
  /** HTTP base, e.g. `http://127.0.0.1:8080`. */
  httpUrl: string;
  port: number;
  /** `/metrics` on its own port (`METRICS_PORT`), e.g. `http://127.0.0.1:9100`; else undefined. */
  metricsUrl: string | undefined;
  /** Graceful shutdown: every socket closed with 1001, then the database. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartOptions {
  /** @default a pino logger at `config.logLevel` */
  logger?: Logger;
  /** Fan-out and presence to use instead of the config's (tests inject faulty ones). @default openScaleOut(config) */
  scaleOut?: { broker: Broker; presence: Presence };
  /**
   * How long presence changes wait for company (`PresenceFeed`); 0 announces each at once, which makes
   * a scripted conversation's frames independent of timing. @default LIMITS.presenceIntervalMs
   */
  presenceIntervalMs?: number;
}

/** How long shutdown waits for clients to answer the close handshake before cutting them off. */
const CLOSE_GRACE_MS = 2_000;

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}

async function closeSockets(connections: ReadonlySet<Connection>): Promise<void> {
  const all = [...connections];
  const closed = all.map(
    (conn) =>
      new Promise<void>((resolve) => {
        if (conn.ws.readyState === WebSocket.CLOSED) return resolve();
        conn.ws.once("close", () => resolve());
      }),
  );
  for (const conn of all) conn.closeConnection(CloseCode.GoingAway);
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, CLOSE_GRACE_MS);
  });
  await Promise.race([Promise.all(closed), grace]);
  clearTimeout(timer);
  for (const conn of all) conn.ws.terminate();
  await Promise.all(all.map((conn) => conn.drained()));
}

/**
 * Starts the Duplex server: HTTP (`/healthz`, the built web app) and WebSocket at `/ws`, on one port.
 * Defaults come from `loadConfig({})`; `overrides` win (tests pass `{ port: 0, dbPath }`).
 */
export async function startServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = { ...loadConfig({}), ...overrides };
  const log = options.logger ?? createLogger(config.logLevel);
  let tokenSecret = config.tokenSecret;
  if (tokenSecret === undefined) {
    // Also checked by loadConfig(env); this covers embedders that pass overrides only.
    if (process.env.NODE_ENV === "production") {
      throw new ConfigError(
        "Invalid configuration: TOKEN_SECRET: required when NODE_ENV=production",
      );
    }
    if (config.databaseUrl === undefined) {
      const dev = devTokenSecret(config.dbPath);
      tokenSecret = dev.secret;
      log.warn(
        { file: dev.file },
        "TOKEN_SECRET is not set: using a development secret kept beside the database",
      );
    } else {
      tokenSecret = randomBytes(32).toString("base64url");
      log.warn("TOKEN_SECRET is not set: using a random one, so tokens stop working on restart");
    }
  }

  const storeLatency = createStoreLatency();
  const store = timedStore(await openStore(config), observeStoreLatency(storeLatency));
  const traffic = newTrafficCounters();
  await store.ensureRoom("general");
  const files = await Files.open(
    filesConfig(config.dbPath, config.files),
    config,
    log.child({ module: "files" }),
  );
  const scaleOut =
    options.scaleOut ??
    (await openScaleOut(config, log).catch(async (err: unknown) => {
      await store.close();
      throw err;
    }));
  const { broker, presence } = scaleOut;
  const connections = new Set<Connection>();
  const online = new OnlineUsers();
  const now = () => Date.now();
  const push = await startPush({
    broker,
    connections,
    notifications: store.notifications,
    accounts: store.accounts,
    log,
    now,
    ...(config.redisUrl !== undefined && {
      clusterStats: redisClusterStats(config.redisUrl, config.nodeId),
    }),
  });
  const webPush = await WebPush.start({
    store: store.webPush,
    config: config.webPush,
    tabs: await openVisibleTabs(config, log),
    log: log.child({ module: "webpush" }),
    now,
    mayInterrupt: (userId, notification) => mayInterrupt(store.reads, userId, notification, now()),
  });
  push.notifier.onStored((notification, userIds) => webPush.notify(notification, userIds));
  const chat = await startChat({
    broker,
    store,
    presence,
    users: push.users,
    log,
    now,
  });
  const fanout = new RoomFanout(broker, log, {
    source: storeSequenceSource(store),
    // Only a broker that can lose payloads needs the periodic head check.
    headCheckMs: broker.onReset ? config.headCheckMs : 0,
  });
  const sessions = new Sessions(store.accounts, {
    secret: tokenSecret,
    tokenTtlMs: config.tokenTtlMs,
    accounts: config.accounts,
    now,
  });
  const sessionEnder = new SessionEnder(broker, connections, log.child({ module: "sessions" }));
  await sessionEnder.start();
  const moderation = await startModeration({
    broker,
    store,
    connections,
    log,
    now,
    // Runs only on broker deliveries, after `ctx` below exists.
    evictSocket: (conn, room) => evictFromRoom(ctx, conn, room),
  });
  const ctx: ServerContext = {
    config: { ...config, tokenSecret },
    log,
    store,
    broker,
    presence,
    fanout,
    presenceFeed: new PresenceFeed(fanout, log.child({ module: "presence" }), {
      ...(options.presenceIntervalMs !== undefined && { intervalMs: options.presenceIntervalMs }),
      roomSize: (room) => presence.count(room),
      bigRoomThreshold: config.bigRoomThreshold,
    }),
    online,
    sessions,
    sessionEnder,
    moderation,
    push,
    chat,
    connections,
    budgets: new Budgets(config.limits),
    traffic,
    tolerated: new ToleratedInput(traffic, log.child({ module: "protocol" })),
    files,
    now,
    webPush,
  };
  const occupancy = new OccupancyFeed(
    fanout,
    (room) => presence.count(room),
    log.child({ module: "occupancy" }),
    now,
  );
  fanout.onSignal((room) => occupancy.changed(room));
  const janitor = startRoomJanitor({
    store,
    presence,
    log,
    now,
    permanent: ["general"],
    emptyTtlMs: config.limits.rooms.emptyTtlMs,
  });
  const retention = startRetention({
    store,
    log,
    now,
    retentionMs: config.retentionMs,
    alsoDelete: (cutoff) => deleteOrphanedFiles(files, cutoff),
  });
  presence.onExpired?.((room, user) => {
    ctx.chat.directory.touch(room);
    ctx.presenceFeed.announce(room, "leave", user);
  });

  // One throttle for every bearer-token route: failures on one count against the others.
  const authFailures = new AuthFailures(config.limits.authFailuresPerMinute);
  const metrics = exposeMetrics(
    config.metrics,
    createMetrics(
      {
        nodeId: config.nodeId,
        connections: () => connections.size,
        sequencer: () => ctx.fanout.counters,
        traffic: () => traffic,
        storeLatency,
        broker: () => (broker instanceof RedisBroker ? broker.counters : undefined),
        more: webPush.metrics.all,
      },
      log,
    ),
    authFailures,
    now,
    log,
  );
  const notificationsApi = createNotificationsApi({
    adminToken: config.adminToken,
    authFailures,
    store,
    presence,
    notifier: push.notifier,
    log,
    now,
  });
  // Password and passkey sign-ins spend the same per-address budgets.
  const lockout = new LoginLockout();
  const compareRuns = new CompareRuns();
  const http = createServer(
    { connectionsCheckingInterval: 1_000 },
    createRequestHandler(
      config.webDist,
      log,
      new Map([
        ...authRoutes({
          store,
          sessions,
          sessionEnder,
          lockout,
          owner: config.accounts.owner === undefined ? undefined : nameKey(config.accounts.owner),
          log: log.child({ module: "auth" }),
          now,
        }),
        ...meRoutes({ store, sessions, log: log.child({ module: "auth" }) }),
        ...passkeyRoutes({
          store,
          sessions,
          lockout,
          config: config.passkeys,
          log: log.child({ module: "passkeys" }),
          now,
        }),
        ...adminRoutes({
          store,
          sessions,
          sessionEnder,
          mutes: moderation.mutes,
          log: log.child({ module: "admin" }),
          now,
        }),
        ...roomsApiRoutes({
          store,
          sessions,
          evictions: moderation.evictions,
          roomCreation: ctx.budgets.rooms,
          log: log.child({ module: "rooms" }),
          now,
        }),
        [NOTIFICATIONS_PATH, notificationsApi],
        ...webPushRoutes({
          store,
          sessions,
          publicKey: webPush.publicKey,
          allowInsecureEndpoints: config.webPush.allowInsecureEndpoints,
          log: log.child({ module: "webpush" }),
          now,
        }),
        ...filesRoutes({ files, store, sessions, secret: tokenSecret, log: files.log, now }),
        ...sseRoutes({
          ctx,
          limiter: () => connectionLimiter,
          allowedOrigins: () => allowedOrigins,
          closing: () => closing !== undefined,
        }),
        [HTTP_PROBE_PATH, httpProbe],
        ...compareRoutes({ runs: compareRuns, sessions, log: log.child({ module: "compare" }) }),
        ...(metrics.mainRoute ? [[METRICS_PATH, metrics.mainRoute] as const] : []),
        [
          READYZ_PATH,
          createReadyz(
            {
              accepting: () => closing === undefined,
              pingStore: () => store.ping(),
              brokerReady: () => broker.isReady?.() ?? true,
              nodeId: config.nodeId,
              detail: !config.production,
            },
            log,
          ),
        ],
      ]),
    ),
  );
  const { tcp } = config.limits;
  // Slowloris: a request head must be complete within headersTimeoutMs; checked every second
  // (Node's default check runs every 30 s, so a half-open head would be held that much longer).
  if (tcp.headersTimeoutMs > 0) http.headersTimeout = tcp.headersTimeoutMs;
  if (tcp.requestTimeoutMs > 0)
    http.requestTimeout = Math.max(tcp.requestTimeoutMs, http.headersTimeout);
  gateTcp(http, tcp);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: LIMITS.maxFrameBytes,
    ...FRAME_LIMITS,
    perMessageDeflate: config.permessageDeflate,
    handleProtocols: (protocols) => SUPPORTED_SUBPROTOCOLS.find((p) => protocols.has(p)) ?? false,
  });
  trackHandshakeResponses(wss);
  const echo = createEchoServer({
    log,
    maxBufferedBytes: config.limits.maxBufferedBytes,
    rate: config.limits.rate,
    heartbeatMs: config.heartbeatMs,
    idleMs: config.echo.idleMs,
    now,
  });
  let allowedOrigins: ReadonlySet<string> = new Set(config.allowedOrigins);
  const connectionLimiter = new ConnectionLimiter(config.limits.connections);
  // Its own budget: echo sockets opened from a victim's address (a foreign page, a tutorial left
  // open) never count against that address's `/ws` connections or handshakes.
  const echoLimiter = new ConnectionLimiter({
    ...config.limits.connections,
    maxPerIp: config.echo.maxPerIp,
    maxTotal: config.echo.maxTotal,
  });
  let closing: Promise<void> | undefined;
  const compareSockets = createCompareSockets({
    runs: compareRuns,
    allowedOrigins: () => allowedOrigins,
    log: log.child({ module: "compare" }),
  });

  // Declared outside the upgrade callback: a closure made in there would share its scope and keep
  // every socket's upgrade request (headers, parser state) alive for the socket's life (memory per idle connection).
  const onUpgradeSocketError = (err: Error) =>
    log.debug({ err: err.message }, "upgrade socket error");
  http.on("upgrade", (req, socket, head) => {
    socket.on("error", onUpgradeSocketError);
    // The inspector's comparison: bounded by its runs (per user, address and node), not by /ws's budget.
    if (compareSockets.handles(req)) {
      if (closing === undefined) compareSockets.handleUpgrade(req, socket, head);
      else refuseUpgrade(socket, { status: 503, body: "server shutting down" });
      return;
    }
    const toEcho = config.echo.enabled && isEchoUpgrade(req);
    // Counted before any other check, so a storm of bad handshakes is limited too.
    const limiter = toEcho ? echoLimiter : connectionLimiter;
    const admission = limiter.admit(addressKey(req.socket.remoteAddress ?? "unknown"), now());
    // The raw socket closes however the upgrade ends (refused, failed, or the WebSocket closed later).
    if (admission.ok) socket.once("close", admission.release);
    const refusal = !admission.ok
      ? { status: 429, body: admission.reason }
      : closing !== undefined
        ? { status: 503, body: "server shutting down; reconnect shortly" }
        : checkUpgrade(req, allowedOrigins, config.echo.enabled);
    if (refusal) {
      log.info(
        { status: refusal.status, url: req.url, origin: req.headers.origin },
        "upgrade refused",
      );
      refuseUpgrade(socket, refusal);
      return;
    }
    if (toEcho) {
      echo.handleUpgrade(req, socket, head);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      recordHandshake(ws, req);
      acceptConnection(ctx, ws, req.socket.remoteAddress ?? "unknown");
    });
  });

  let address: AddressInfo;
  let metricsUrl: string | undefined;
  try {
    address = await listen(http, config.port, config.host);
    metricsUrl = await metrics.listen(config.host);
  } catch (err) {
    http.close();
    await metrics.close();
    await janitor.stop();
    await retention.stop();
    await chat.close();
    await push.close();
    await webPush.close();
    await sessionEnder.stop();
    await moderation.stop();
    ctx.fanout.close();
    await Promise.all([presence.close(), broker.close()]);
    await store.close();
    throw err;
  }
  // The listening port's own origins (the production web app) are always allowed.
  allowedOrigins = new Set([...config.allowedOrigins, ...originsForPort(address.port)]);
  const stopHeartbeat = startHeartbeat(ctx.connections, config.heartbeatMs, notePingSent);

  const host = urlHost(config.host);
  const httpUrl = `http://${host}:${address.port}`;
  const url = `ws://${host}:${address.port}${WS_PATH}`;
  log.info({ url, httpUrl, metricsUrl, store: storeLabel(config) }, "listening");

  const close = () => {
    closing ??= (async () => {
      log.info("shutting down");
      stopHeartbeat();
      await push.close();
      await sessionEnder.stop();
      await moderation.stop();
      // Leaves of this node's users wait out a grace period: a reconnect elsewhere causes no flap.
      await presence.drain?.(config.leaveGraceMs);
      await closeSockets(ctx.connections);
      compareRuns.closeAll();
      compareSockets.close();
      // Listening until now lets a load balancer read /readyz (503) and /healthz (200) meanwhile;
      // new upgrades are refused with 503 since `closing` is set.
      http.close();
      await echo.close();
      await metrics.close();
      await janitor.stop();
      await retention.stop();
      await chat.close();
      await webPush.close();
      await ctx.presenceFeed.close();
      occupancy.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      ctx.fanout.close();
      await Promise.all([presence.close(), broker.close()]);
      await files.close();
      await store.close();
      log.info("shut down");
    })();
    return closing;
  };

  return { url, httpUrl, port: address.port, metricsUrl, close, [Symbol.asyncDispose]: close };
}
