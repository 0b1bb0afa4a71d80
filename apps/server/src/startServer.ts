import { messageSteps } from "./afterCommit/messageSteps.js";
import type { Broker } from "./broker/Broker.js";
import { openScaleOut } from "./broker/redis/openScaleOut.js";
import { startChat } from "./chat/Chat.js";
import { startRetention } from "./chat/Retention.js";
import { startRoomJanitor } from "./chat/RoomJanitor.js";
import { OccupancyFeed } from "./chat/OccupancyFeed.js";
import { PresenceFeed } from "./chat/PresenceFeed.js";
import { RoomMembership } from "./rooms/RoomMembership.js";
import { loadConfig, type Config } from "./config.js";
import type { Connection } from "./connection/Connection.js";
import { RoomFanout } from "./fanout/RoomFanout.js";
import { storeSequenceSource } from "./fanout/storeSequenceSource.js";
import type { ServerContext } from "./context.js";
import { createMetrics, createStoreLatency, observeStoreLatency } from "./http/metrics.js";
import { exposeMetrics } from "./http/metricsExposure.js";
import { AuthFailures } from "./http/bearerAuth.js";
import { Budgets } from "./limits/Budgets.js";
import { BackgroundWork } from "./lifecycle/BackgroundWork.js";
import { Disposals } from "./lifecycle/Disposals.js";
import { createLogger, type Logger } from "./logger.js";
import type { Presence } from "./presence/Presence.js";
import { startPush } from "./push/Push.js";
import { redisClusterStats } from "./push/stats/redis/RedisClusterStats.js";
import { OnlineUsers } from "./session/OnlineUsers.js";
import { SessionEnder } from "./session/SessionEnder.js";
import { Sessions } from "./session/Sessions.js";
import { openStore } from "./store/openStore.js";
import { timedStore } from "./store/timedStore.js";
import { newTrafficCounters } from "./connection/trafficCounters.js";
import { ToleratedInput } from "./connection/toleratedInput.js";
import { broadcastWrites } from "./connection/writeCoalescing.js";
import { startModeration } from "./moderation/Moderation.js";
import { evictFromRoom } from "./handlers/rooms.js";
import { Files } from "./files/Files.js";
import { filesConfig } from "./files/filesConfig.js";
import { deleteOrphanedFiles } from "./files/storeUpload.js";
import { openVisibleTabs } from "./webpush/openVisibleTabs.js";
import { WebPush } from "./webpush/WebPush.js";
import { mayInterrupt } from "./receipts/notifyFilter.js";
import { runningMalloc } from "./wiring/malloc.js";
import { resolveTokenSecret } from "./wiring/tokenSecret.js";
import { serve, type RunningServer } from "./wiring/serve.js";

export type { RunningServer };

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

/**
 * Starts the Duplex server: HTTP (`/healthz`, the built web app) and WebSocket at `/ws`, on one port.
 * Defaults come from `loadConfig({})`; `overrides` win (tests pass `{ port: 0, dbPath }`).
 *
 * Everything started is registered in one disposal list right after it starts: shutdown undoes it in
 * reverse, and so does a start that fails half-way (only what had started).
 */
export async function startServer(
  overrides: Partial<Config> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  const config = { ...loadConfig({}), ...overrides };
  const log = options.logger ?? createLogger(config.logLevel);
  const tokenSecret = resolveTokenSecret(config, log);
  const disposals = new Disposals((step, err) => log.error({ err, step }, "shutdown step failed"));
  try {
    return await start({ ...config, tokenSecret }, log, options, disposals);
  } catch (err) {
    await disposals.dispose().catch(() => undefined);
    throw err;
  }
}

/** How long shutdown waits for notifications still being written. */
const BACKGROUND_DRAIN_MS = 10_000;

async function start(
  config: Config & { tokenSecret: string },
  log: Logger,
  options: StartOptions,
  disposals: Disposals,
): Promise<RunningServer> {
  const storeLatency = createStoreLatency();
  const store = timedStore(await openStore(config), observeStoreLatency(storeLatency));
  disposals.add("store", () => store.close());
  const traffic = newTrafficCounters();
  await store.ensureRoom("general");
  const files = await Files.open(
    filesConfig(config.dbPath, config.files),
    config,
    log.child({ module: "files" }),
  );
  disposals.add("files", () => files.close());
  const { broker, presence } = options.scaleOut ?? (await openScaleOut(config, log));
  disposals.add("broker and presence", async () => {
    await Promise.all([presence.close(), broker.close()]);
  });
  const connections = new Set<Connection>();
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
  disposals.add("push", () => push.close());
  const webPush = await WebPush.start({
    store: store.webPush,
    config: config.webPush,
    tabs: await openVisibleTabs(config, log),
    log: log.child({ module: "webpush" }),
    now,
    mayInterrupt: (userId, notification) => mayInterrupt(store.reads, userId, notification, now()),
  });
  disposals.add("web push", () => webPush.close());
  push.notifier.onStored((notification, userIds) => webPush.notify(notification, userIds));
  const chat = await startChat({ broker, store, presence, log, now });
  disposals.add("chat", () => chat.close());
  const fanout = new RoomFanout(broker, log, {
    source: storeSequenceSource(store),
    // Only a broker that can lose payloads needs the periodic head check.
    headCheckMs: broker.losesPayloads ? config.headCheckMs : 0,
    broadcast: broadcastWrites,
  });
  disposals.add("room fan-out", () => fanout.close());
  const sessionEnder = new SessionEnder(broker, connections, log.child({ module: "sessions" }));
  await sessionEnder.start();
  disposals.add("session ender", () => sessionEnder.stop());
  const moderation = await startModeration({
    broker,
    store,
    connections,
    log,
    now,
    // Runs only on broker deliveries, after `ctx` below exists.
    evictSocket: (conn, room) => evictFromRoom(ctx, conn, room),
  });
  disposals.add("moderation", () => moderation.stop());
  const presenceFeed = new PresenceFeed(fanout, log.child({ module: "presence" }), {
    ...(options.presenceIntervalMs !== undefined && { intervalMs: options.presenceIntervalMs }),
    roomSize: (room) => presence.count(room),
    bigRoomThreshold: config.bigRoomThreshold,
  });
  disposals.add("presence feed", () => presenceFeed.close());
  const membership = new RoomMembership({
    fanout,
    presence,
    feed: presenceFeed,
    directory: chat.directory,
  });
  const ctx: ServerContext = {
    config,
    log,
    store,
    broker,
    presence,
    fanout,
    membership,
    online: new OnlineUsers(),
    sessions: new Sessions(store.accounts, {
      secret: config.tokenSecret,
      tokenTtlMs: config.tokenTtlMs,
      accounts: config.accounts,
      now,
    }),
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
    afterCommit: messageSteps(() => ctx),
    background: new BackgroundWork(),
  };
  // After the sockets closed (their sends finished), before push, chat and the store close under it.
  disposals.add("background work", async () => {
    const left = await ctx.background.drain(BACKGROUND_DRAIN_MS);
    if (left > 0) log.warn({ left }, "shutdown: background work still running, not awaited");
  });
  const occupancy = new OccupancyFeed(
    fanout,
    (room) => presence.count(room),
    log.child({ module: "occupancy" }),
    now,
  );
  disposals.add("occupancy feed", () => occupancy.close());
  fanout.onSignal((room) => occupancy.changed(room));
  const janitor = startRoomJanitor({
    store,
    presence,
    log,
    now,
    permanent: ["general"],
    emptyTtlMs: config.limits.rooms.emptyTtlMs,
  });
  disposals.add("room janitor", () => janitor.stop());
  const retention = startRetention({
    store,
    log,
    now,
    retentionMs: config.retentionMs,
    alsoDelete: (cutoff) => deleteOrphanedFiles(files, cutoff),
  });
  disposals.add("retention", () => retention.stop());
  disposals.add(
    "presence expiry",
    presence.onExpired((room, user) => membership.expired(room, user)),
  );
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
        broker: () => broker.counters,
        malloc: runningMalloc(),
        more: webPush.metrics.all,
      },
      log,
    ),
    authFailures,
    now,
    log,
  );
  disposals.add("metrics", () => metrics.close());
  return serve(ctx, metrics, authFailures, disposals);
}
