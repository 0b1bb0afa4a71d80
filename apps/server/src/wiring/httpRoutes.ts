import { adminRoutes } from "../accounts/adminApi.js";
import { authRoutes } from "../accounts/authApi.js";
import { LoginLockout } from "../accounts/LoginLockout.js";
import { meRoutes } from "../accounts/meApi.js";
import { passkeyRoutes } from "../accounts/passkeysApi.js";
import { roomsApiRoutes } from "../accounts/roomsApi.js";
import type { CompareRuns } from "../compare/CompareRuns.js";
import { compareRoutes } from "../compare/compareRoutes.js";
import type { ServerContext } from "../context.js";
import { filesRoutes } from "../files/filesApi.js";
import type { AuthFailures } from "../http/bearerAuth.js";
import { METRICS_PATH } from "../http/metrics.js";
import { NOTIFICATIONS_PATH, createNotificationsApi } from "../http/notificationsApi.js";
import { READYZ_PATH, createReadyz } from "../http/readyz.js";
import type { Route } from "../http/route.js";
import { HTTP_PROBE_PATH, httpProbe } from "../inspector/httpProbe.js";
import type { ConnectionLimiter } from "../limits/connectionLimiter.js";
import { nameKey } from "../names/nameKey.js";
import { sseRoutes } from "../sse/sseRoutes.js";
import { webPushRoutes } from "../webpush/webPushRoutes.js";

export interface RouteDeps {
  /** One throttle for every bearer-token route: failures on one count against the others. */
  authFailures: AuthFailures;
  compareRuns: CompareRuns;
  /** `/metrics` on the main port, when it is exposed there. */
  metricsRoute: Route | undefined;
  limiter(): ConnectionLimiter;
  allowedOrigins(): ReadonlySet<string>;
  closing(): boolean;
}

/** Every HTTP route of the main port, by path. */
export function httpRoutes(ctx: ServerContext, deps: RouteDeps): Map<string, Route> {
  const { config, store, sessions, sessionEnder, log, now } = ctx;
  // Password and passkey sign-ins spend the same per-address budgets.
  const lockout = new LoginLockout();
  const notificationsApi = createNotificationsApi({
    adminToken: config.adminToken,
    authFailures: deps.authFailures,
    store,
    presence: ctx.presence,
    notifier: ctx.push.notifier,
    log,
    now,
  });
  const readyz = createReadyz(
    {
      accepting: () => !deps.closing(),
      pingStore: () => store.ping(),
      brokerReady: () => ctx.broker.isReady(),
      nodeId: config.nodeId,
      detail: !config.production,
    },
    log,
  );
  return new Map([
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
      mutes: ctx.moderation.mutes,
      log: log.child({ module: "admin" }),
      now,
    }),
    ...roomsApiRoutes({
      store,
      sessions,
      evictions: ctx.moderation.evictions,
      roomCreation: ctx.budgets.rooms,
      log: log.child({ module: "rooms" }),
      now,
    }),
    [NOTIFICATIONS_PATH, notificationsApi],
    ...webPushRoutes({
      store,
      sessions,
      publicKey: ctx.webPush.publicKey,
      allowInsecureEndpoints: config.webPush.allowInsecureEndpoints,
      log: log.child({ module: "webpush" }),
      now,
    }),
    ...filesRoutes({
      files: ctx.files,
      store,
      sessions,
      secret: config.tokenSecret,
      log: ctx.files.log,
      now,
    }),
    ...sseRoutes({
      ctx,
      limiter: deps.limiter,
      allowedOrigins: deps.allowedOrigins,
      closing: deps.closing,
    }),
    [HTTP_PROBE_PATH, httpProbe],
    ...compareRoutes({ runs: deps.compareRuns, sessions, log: log.child({ module: "compare" }) }),
    ...(deps.metricsRoute ? [[METRICS_PATH, deps.metricsRoute] as const] : []),
    [READYZ_PATH, readyz],
  ]);
}
