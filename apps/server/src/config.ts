import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LIMITS } from "@duplex/protocol";
import { z } from "zod";
import { ECHO_ENV, echoFromEnv, type EchoSettings } from "./echo/echoConfig.js";
import { ACCOUNTS_ENV, accountsFromEnv, type AccountsConfig } from "./accounts/accountsConfig.js";
import { PASSKEYS_ENV, passkeysFromEnv, type PasskeysConfig } from "./accounts/passkeysConfig.js";
import { WEB_PUSH_ENV, webPushFromEnv, type WebPushConfig } from "./webpush/webPushConfig.js";
import { LIMITS_ENV, abuseLimitsFromEnv, type AbuseLimits } from "./limits/limitsConfig.js";
import { isPostgresUrl } from "./store/postgres/databaseUrl.js";
import type { FilesConfig } from "./files/filesConfig.js";
import {
  MIN_SECRET_TOKEN_LENGTH,
  OBSERVABILITY_ENV,
  observabilityFromEnv,
  type MetricsExposure,
  type StatsAccess,
} from "./http/observabilityConfig.js";
import { wholeNumber } from "./envValues.js";

/** Server configuration. `loadConfig(env)` builds it from environment variables; tests override fields. */
export interface Config {
  /** @default 8080 (0 picks a free port) */
  port: number;
  /** @default "127.0.0.1" */
  host: string;
  /** SQLite file; its directory is created at start. @default ".data/duplex.db" relative to the cwd */
  dbPath: string;
  /** Postgres URL (`postgres://…`): when set, the record is Postgres and `dbPath` is unused. @default undefined */
  databaseUrl: string | undefined;
  /**
   * What an ack survives. `power`: the commit is synced to disk before the ack (SQLite
   * `synchronous = FULL`). `process`: a process crash, not power loss (SQLite `synchronous = NORMAL`,
   * fewer syncs). @default "power"
   */
  durability: Durability;
  /** How long a SQLite write waits for another connection's lock before failing. @default 5000 */
  sqliteBusyTimeoutMs: number;
  /**
   * SQLite's page cache, per connection, in MiB. It fills up as the database grows and then stays:
   * the server's RSS climbs by up to this much in its first minutes of writes. @default 16
   */
  sqliteCacheMib: number;
  /**
   * Browser origins allowed to open `/ws` besides the page's own (an Origin whose host is the request's
   * Host is always allowed). @default the dev origins on localhost, none with NODE_ENV=production
   */
  allowedOrigins: string[];
  /**
   * NODE_ENV=production. `loadConfig` derives the production defaults from it (no dev origins,
   * `/metrics` closed, the stats topic for admins); read directly only by `/readyz` (no detail).
   * @default false
   */
  production: boolean;
  /** pino level. @default "info" */
  logLevel: LogLevel;
  /** HMAC key for session tokens. Unset: a random key per start (tokens die with the process). */
  tokenSecret: string | undefined;
  /** ws-level ping interval; a socket that missed the previous pong is terminated. @default 25000 */
  heartbeatMs: number;
  /** Session token lifetime. @default 7 days */
  tokenTtlMs: number;
  /** Built web app served on `/` when the directory exists. @default apps/web/dist */
  webDist: string;
  /** permessage-deflate on `/ws`. @default false */
  permessageDeflate: boolean;
  /** Time a new socket has to send `hello`. @default LIMITS.helloTimeoutMs */
  helloTimeoutMs: number;
  /** Bearer token of `POST /api/notifications`. Unset: the endpoint answers 404. @default undefined */
  adminToken: string | undefined;
  /** Where `/metrics` is served, and whether it needs a bearer token (src/http/metricsExposure.ts). */
  metrics: MetricsExposure;
  /** Who may subscribe to the `stats` topic. @default "everyone", "admins" with NODE_ENV=production */
  statsTopic: StatsAccess;
  /** Messages older than this are deleted (0: kept forever). @default 0 */
  retentionMs: number;
  /** The `/echo` endpoint: on or off, its own connection budget, idle timeout. */
  echo: EchoSettings;
  /** Rate, connection and slow-reader limits (src/limits/). @default DEFAULT_ABUSE_LIMITS */
  limits: AbuseLimits;
  /** `redis://host:port`: fan-out and presence shared by several nodes. Unset: in-process. @default undefined */
  redisUrl: string | undefined;
  /** This node's name in logs, presence and metrics. @default random */
  nodeId: string;
  /** With a shared broker, how often every subscribed room is compared with the store's head. @default 1000 */
  headCheckMs: number;
  /** With Redis, presence entries of a node that stops refreshing expire after this. @default 15000 */
  presenceTtlMs: number;
  /** On shutdown, leaves of this node's users take effect this much later (no flap on reconnect). @default 5000 */
  leaveGraceMs: number;
  /**
   * Rooms with more online members than this are big: `member_pages` sockets get `occupancy` instead
   * of every join and leave (protocol [R12]). @default LIMITS.bigRoomThreshold (200)
   */
  bigRoomThreshold: number;
  /** Guests, session lifetime and token grace (src/accounts/). */
  accounts: AccountsConfig;
  /** The WebAuthn relying party (src/accounts/passkeysConfig.ts). */
  passkeys: PasskeysConfig;
  /** Web Push: VAPID keys and the push service requests (src/webpush/webPushConfig.ts). */
  webPush: WebPushConfig;
  /** Uploads and downloads (src/files/filesConfig.ts); absent: from the environment. */
  files?: Partial<FilesConfig>;
}

export const DURABILITY_MODES = ["power", "process"] as const;
export type Durability = (typeof DURABILITY_MODES)[number];

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const DEV_ORIGINS = [
  "http://localhost:5173",
  "http://127.0.0.1:5173",
  "http://localhost:8080",
  "http://127.0.0.1:8080",
];

// Both src/ and dist/ sit one level below apps/server, so the same relative path works from either.
const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

const DAY_MS = 24 * 60 * 60 * 1000;

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false", "1", "0", "yes", "no"]))
  .transform((v) => v === "true" || v === "1" || v === "yes");

const origin = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/\s]+$/, "must be origins like http://host:port, comma-separated");

const EnvSchema = z.object({
  PORT: wholeNumber(0, 65535).default(8080),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DB_PATH: z.string().trim().min(1).default(".data/duplex.db"),
  DATABASE_URL: z
    .string()
    .trim()
    .refine(isPostgresUrl, "must be a URL like postgres://user:password@host:5432/database")
    .optional(),
  ALLOWED_ORIGINS: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(origin))
    .optional(),
  DURABILITY: z.enum(DURABILITY_MODES).default("power"),
  SQLITE_BUSY_TIMEOUT_MS: wholeNumber(0, 60_000).default(5_000),
  SQLITE_CACHE_MIB: wholeNumber(1, 4096).default(16),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  TOKEN_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  HEARTBEAT_MS: wholeNumber(100, 10 * 60_000).default(25_000),
  TOKEN_TTL_MS: wholeNumber(1000, 365 * DAY_MS).default(7 * DAY_MS),
  WEB_DIST: z.string().trim().min(1).optional(),
  PERMESSAGE_DEFLATE: boolean.default(false),
  HELLO_TIMEOUT_MS: wholeNumber(50, 60_000).default(LIMITS.helloTimeoutMs),
  // Production asks for MIN_SECRET_TOKEN_LENGTH (checked below); a short one is fine on a laptop.
  ADMIN_TOKEN: z.string().trim().min(8, "must be at least 8 characters").optional(),
  NODE_ENV: z.string().trim().optional(),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/[^\s]+$/, "must be a URL like redis://host:6379")
    .optional(),
  NODE_ID: z
    .string()
    .trim()
    .regex(/^[\w.-]{1,64}$/, "must be 1-64 letters, digits, '.', '_' or '-'")
    .optional(),
  HEAD_CHECK_MS: wholeNumber(0, 10 * 60_000).default(1_000),
  PRESENCE_TTL_MS: wholeNumber(300, 10 * 60_000).default(15_000),
  LEAVE_GRACE_MS: wholeNumber(0, 10 * 60_000).default(5_000),
  BIG_ROOM_THRESHOLD: wholeNumber(1, 1_000_000).default(LIMITS.bigRoomThreshold),
  RETENTION_DAYS: wholeNumber(0, 100 * 365).default(0),
  ...LIMITS_ENV,
  ...OBSERVABILITY_ENV,
  ...ECHO_ENV,
  ...ACCOUNTS_ENV,
  ...PASSKEYS_ENV,
  ...WEB_PUSH_ENV,
});

function webPushFromEnvChecked(e: z.infer<typeof EnvSchema>): WebPushConfig {
  try {
    return webPushFromEnv(e);
  } catch (err) {
    throw new ConfigError(`Invalid configuration: ${(err as Error).message}`);
  }
}

/** A start-up error naming the variable at fault. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** The origins of a server listening on `port` on loopback. */
export function originsForPort(port: number): string[] {
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
}

/**
 * Builds the config from environment variables. Pure: no I/O; relative paths resolve against `cwd`.
 * @throws ConfigError naming every bad variable.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): Config {
  // Empty strings mean "unset", as shells and .env files often leave them.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  // A guessable admin token opens the push API to anyone who tries enough (failures are throttled too).
  if (production && e.ADMIN_TOKEN !== undefined && e.ADMIN_TOKEN.length < MIN_SECRET_TOKEN_LENGTH) {
    throw new ConfigError(
      `Invalid configuration: ADMIN_TOKEN: must be at least ${MIN_SECRET_TOKEN_LENGTH} characters when NODE_ENV=production (e.g. openssl rand -base64 33)`,
    );
  }
  // Tokens signed with a per-start random key die on every restart and differ between nodes.
  if (production && e.TOKEN_SECRET === undefined) {
    throw new ConfigError(
      "Invalid configuration: TOKEN_SECRET: required when NODE_ENV=production (a random secret of 32+ characters)",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dbPath: resolve(cwd, e.DB_PATH),
    databaseUrl: e.DATABASE_URL,
    durability: e.DURABILITY,
    sqliteBusyTimeoutMs: e.SQLITE_BUSY_TIMEOUT_MS,
    sqliteCacheMib: e.SQLITE_CACHE_MIB,
    // Production trusts no dev server: unset means the page's own origin only (its Host; see upgrade.ts).
    allowedOrigins: production
      ? (e.ALLOWED_ORIGINS ?? [])
      : [...new Set([...(e.ALLOWED_ORIGINS ?? DEV_ORIGINS), ...originsForPort(e.PORT)])],
    production,
    logLevel: e.LOG_LEVEL,
    tokenSecret: e.TOKEN_SECRET,
    heartbeatMs: e.HEARTBEAT_MS,
    tokenTtlMs: e.TOKEN_TTL_MS,
    webDist: e.WEB_DIST === undefined ? DEFAULT_WEB_DIST : resolve(cwd, e.WEB_DIST),
    permessageDeflate: e.PERMESSAGE_DEFLATE,
    helloTimeoutMs: e.HELLO_TIMEOUT_MS,
    adminToken: e.ADMIN_TOKEN,
    ...observabilityFromEnv(e, production),
    retentionMs: e.RETENTION_DAYS * DAY_MS,
    echo: echoFromEnv(e),
    limits: abuseLimitsFromEnv(e),
    redisUrl: e.REDIS_URL,
    nodeId: e.NODE_ID ?? `n_${randomBytes(4).toString("hex")}`,
    headCheckMs: e.HEAD_CHECK_MS,
    presenceTtlMs: e.PRESENCE_TTL_MS,
    leaveGraceMs: e.LEAVE_GRACE_MS,
    bigRoomThreshold: e.BIG_ROOM_THRESHOLD,
    accounts: accountsFromEnv(e, production),
    passkeys: passkeysFromEnv(e),
    webPush: webPushFromEnvChecked(e),
  };
}
