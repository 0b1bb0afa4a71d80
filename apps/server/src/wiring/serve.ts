import { createServer } from "node:http";
import { LIMITS, SUPPORTED_SUBPROTOCOLS, WS_PATH } from "@duplex/protocol";
import { WebSocketServer } from "ws";
import { createCompareSockets } from "../compare/compareSockets.js";
import { CompareRuns } from "../compare/CompareRuns.js";
import { originsForPort } from "../config.js";
import { startHeartbeat } from "../connection/heartbeat.js";
import type { ServerContext } from "../context.js";
import { createEchoServer } from "../echo/echoServer.js";
import type { AuthFailures } from "../http/bearerAuth.js";
import type { exposeMetrics } from "../http/metricsExposure.js";
import { createRequestHandler } from "../http/requestHandler.js";
import { notePingSent } from "../inspector/controlFrames.js";
import { trackHandshakeResponses } from "../inspector/handshakes.js";
import type { Disposals } from "../lifecycle/Disposals.js";
import { ConnectionLimiter } from "../limits/connectionLimiter.js";
import { FRAME_LIMITS } from "../limits/frameLimits.js";
import { gateTcp } from "../limits/tcpGate.js";
import { storeLabel } from "../store/openStore.js";
import { httpRoutes } from "./httpRoutes.js";
import { closeSockets, listen, urlHost } from "./listen.js";
import { runningMalloc } from "./malloc.js";
import { handleUpgrades } from "./upgrades.js";

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

/** The HTTP server and its WebSocket endpoints over a built context: listens, and answers how to stop. */
export async function serve(
  ctx: ServerContext,
  metrics: ReturnType<typeof exposeMetrics>,
  authFailures: AuthFailures,
  disposals: Disposals,
): Promise<RunningServer> {
  const { config, log, now } = ctx;
  let allowedOrigins: ReadonlySet<string> = new Set(config.allowedOrigins);
  let closing: Promise<void> | undefined;
  const connectionLimiter = new ConnectionLimiter(config.limits.connections);
  const compareRuns = new CompareRuns();
  const routes = httpRoutes(ctx, {
    authFailures,
    compareRuns,
    metricsRoute: metrics.mainRoute,
    limiter: () => connectionLimiter,
    allowedOrigins: () => allowedOrigins,
    closing: () => closing !== undefined,
  });
  const http = createServer(
    { connectionsCheckingInterval: 1_000 },
    createRequestHandler(config.webDist, log, routes),
  );
  disposals.add("http connections", () => http.closeAllConnections());
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
  disposals.add(
    "websocket server",
    () => new Promise<void>((resolve) => wss.close(() => resolve())),
  );
  const echo = createEchoServer({
    log,
    maxBufferedBytes: config.limits.maxBufferedBytes,
    rate: config.limits.rate,
    heartbeatMs: config.heartbeatMs,
    idleMs: config.echo.idleMs,
    now,
  });
  disposals.add("echo", () => echo.close());
  const compareSockets = createCompareSockets({
    runs: compareRuns,
    allowedOrigins: () => allowedOrigins,
    log: log.child({ module: "compare" }),
  });
  // Listening until every socket closed lets a load balancer read /readyz (503) and /healthz (200)
  // meanwhile; new upgrades are refused with 503 once `closing` is set.
  disposals.add("listening", () => void http.close());
  disposals.add("comparison", () => {
    compareRuns.closeAll();
    compareSockets.close();
  });
  handleUpgrades(http, ctx, {
    wss,
    echo,
    compareSockets,
    limiter: connectionLimiter,
    echoLimiter: new ConnectionLimiter({
      ...config.limits.connections,
      maxPerIp: config.echo.maxPerIp,
      maxTotal: config.echo.maxTotal,
    }),
    allowedOrigins: () => allowedOrigins,
    closing: () => closing !== undefined,
  });

  const address = await listen(http, config.port, config.host);
  const metricsUrl = await metrics.listen(config.host);
  // The listening port's own origins (the production web app) are always allowed.
  allowedOrigins = new Set([...config.allowedOrigins, ...originsForPort(address.port)]);
  disposals.add("sockets", async () => {
    // Leaves of this node's users wait out a grace period: a reconnect elsewhere causes no flap.
    await ctx.presence.drain(config.leaveGraceMs);
    await closeSockets(ctx.connections);
  });
  disposals.add("heartbeat", startHeartbeat(ctx.connections, config.heartbeatMs, notePingSent));

  const host = urlHost(config.host);
  const httpUrl = `http://${host}:${address.port}`;
  const url = `ws://${host}:${address.port}${WS_PATH}`;
  log.info(
    { url, httpUrl, metricsUrl, store: storeLabel(config), malloc: runningMalloc() },
    "listening",
  );

  const close = () => {
    closing ??= (async () => {
      log.info("shutting down");
      await disposals.dispose();
      log.info("shut down");
    })();
    return closing;
  };
  return { url, httpUrl, port: address.port, metricsUrl, close, [Symbol.asyncDispose]: close };
}
