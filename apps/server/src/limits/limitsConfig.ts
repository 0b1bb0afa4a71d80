import type { z } from "zod";
import type { ConnectionLimits } from "./connectionLimiter.js";
import type { RateLimits } from "./rateLimiter.js";
import { DEFAULT_ROOM_LIMITS, type RoomLimits } from "./roomLimits.js";
import { DEFAULT_TCP_LIMITS, type TcpLimits } from "./tcpGate.js";
import { DEFAULT_USER_LIMITS, type UserLimits } from "./userLimits.js";
import { onOff, wholeNumber } from "../envValues.js";

/** Abuse limits, part of `Config`. Each numeric limit set to 0 is off. */
export interface AbuseLimits {
  rate: RateLimits;
  connections: ConnectionLimits;
  /** Past this many bytes queued for a socket, it is closed with 1013 (a reader too slow). @default 4 MiB */
  maxBufferedBytes: number;
  /** Room creation charged per user and address, the total capped, empty rooms collected. */
  rooms: RoomLimits;
  /** Budgets per user and per address, shared by their sockets (`RATE_SEND_*` is per user too). */
  users: UserLimits;
  /** Raw TCP connections per address and slow request heads, before the upgrade. */
  tcp: TcpLimits;
  /**
   * Failed bearer-token attempts (push API, `/metrics`) per address: this many at once, then this many
   * a minute; past them every attempt answers 429 with `Retry-After`. @default 10
   */
  authFailuresPerMinute: number;
}

export const DEFAULT_ABUSE_LIMITS: AbuseLimits = {
  rate: {
    framesPerSecond: 100,
    framesBurst: 200,
    sendPerSecond: 20,
    sendBurst: 100,
    maxStrikes: 50,
    strikeWindowMs: 10_000,
  },
  connections: { maxPerIp: 100, maxTotal: 10_000, handshakesPerSecond: 10, handshakeBurst: 50 },
  maxBufferedBytes: 4 * 1024 * 1024,
  rooms: DEFAULT_ROOM_LIMITS,
  users: DEFAULT_USER_LIMITS,
  tcp: DEFAULT_TCP_LIMITS,
  authFailuresPerMinute: 10,
};

const count = wholeNumber(0, 1_000_000_000, "must be a whole number (0 = off)");

/** Environment variables of the abuse limits (merged into the server's env schema). */
export const LIMITS_ENV = {
  /** `off` disables every rate and connection limit (benchmarks); never in production. */
  ABUSE_LIMITS: onOff.optional(),
  RATE_FRAMES_PER_SEC: count.optional(),
  RATE_FRAMES_BURST: count.optional(),
  RATE_SEND_PER_SEC: count.optional(),
  RATE_SEND_BURST: count.optional(),
  RATE_MAX_STRIKES: count.optional(),
  RATE_STRIKE_WINDOW_MS: count.optional(),
  MAX_CONNECTIONS_PER_IP: count.optional(),
  MAX_CONNECTIONS: count.optional(),
  MAX_TCP_PER_IP: count.optional(),
  HEADERS_TIMEOUT_MS: count.optional(),
  REQUEST_TIMEOUT_MS: count.optional(),
  HANDSHAKES_PER_SEC: count.optional(),
  HANDSHAKE_BURST: count.optional(),
  MAX_BUFFERED_BYTES: count.optional(),
  MAX_ROOMS: count.optional(),
  ROOMS_PER_USER_PER_HOUR: count.optional(),
  ROOMS_PER_IP_PER_HOUR: count.optional(),
  EMPTY_ROOM_TTL_MS: count.optional(),
  MAX_SOCKETS_PER_USER: count.optional(),
  RATE_SEND_PER_IP_PER_SEC: count.optional(),
  RATE_SEND_PER_IP_BURST: count.optional(),
  SIGNUPS_PER_IP_PER_HOUR: count.optional(),
  HISTORY_ROWS_PER_SEC: count.optional(),
  HISTORY_ROWS_BURST: count.optional(),
  HISTORY_ROWS_PER_IP_PER_SEC: count.optional(),
  HISTORY_ROWS_PER_IP_BURST: count.optional(),
  STORAGE_BYTES_PER_USER_PER_DAY: count.optional(),
  STORAGE_BYTES_PER_IP_PER_DAY: count.optional(),
  AUTH_FAILURES_PER_IP_PER_MIN: count.optional(),
};

type LimitsEnv = z.infer<ReturnType<typeof z.object<typeof LIMITS_ENV>>>;

/** Builds the abuse limits from parsed variables over the defaults. */
export function abuseLimitsFromEnv(e: LimitsEnv): AbuseLimits {
  const d = DEFAULT_ABUSE_LIMITS;
  const enabled = e.ABUSE_LIMITS !== "off";
  const on = (value: number) => (enabled ? value : 0);
  return {
    rate: {
      framesPerSecond: on(e.RATE_FRAMES_PER_SEC ?? d.rate.framesPerSecond),
      framesBurst: Math.max(1, e.RATE_FRAMES_BURST ?? d.rate.framesBurst),
      sendPerSecond: on(e.RATE_SEND_PER_SEC ?? d.rate.sendPerSecond),
      sendBurst: Math.max(1, e.RATE_SEND_BURST ?? d.rate.sendBurst),
      maxStrikes: e.RATE_MAX_STRIKES ?? d.rate.maxStrikes,
      strikeWindowMs: e.RATE_STRIKE_WINDOW_MS ?? d.rate.strikeWindowMs,
    },
    connections: {
      maxPerIp: on(e.MAX_CONNECTIONS_PER_IP ?? d.connections.maxPerIp),
      maxTotal: on(e.MAX_CONNECTIONS ?? d.connections.maxTotal ?? 0),
      handshakesPerSecond: on(e.HANDSHAKES_PER_SEC ?? d.connections.handshakesPerSecond),
      handshakeBurst: Math.max(1, e.HANDSHAKE_BURST ?? d.connections.handshakeBurst),
    },
    maxBufferedBytes: e.MAX_BUFFERED_BYTES ?? d.maxBufferedBytes,
    rooms: {
      maxTotal: e.MAX_ROOMS ?? d.rooms.maxTotal,
      perUserPerHour: on(e.ROOMS_PER_USER_PER_HOUR ?? d.rooms.perUserPerHour),
      perAddressPerHour: on(e.ROOMS_PER_IP_PER_HOUR ?? d.rooms.perAddressPerHour),
      emptyTtlMs: e.EMPTY_ROOM_TTL_MS ?? d.rooms.emptyTtlMs,
    },
    users: usersFromEnv(e, on),
    tcp: {
      maxPerIp: on(e.MAX_TCP_PER_IP ?? d.tcp.maxPerIp),
      // Timeouts stay on even with ABUSE_LIMITS=off: a benchmark sends whole requests.
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS ?? d.tcp.headersTimeoutMs,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS ?? d.tcp.requestTimeoutMs,
    },
    authFailuresPerMinute: on(e.AUTH_FAILURES_PER_IP_PER_MIN ?? d.authFailuresPerMinute),
  };
}

function usersFromEnv(e: LimitsEnv, on: (value: number) => number): UserLimits {
  const d = DEFAULT_USER_LIMITS;
  return {
    maxSockets: on(e.MAX_SOCKETS_PER_USER ?? d.maxSockets),
    addressSendPerSecond: on(e.RATE_SEND_PER_IP_PER_SEC ?? d.addressSendPerSecond),
    addressSendBurst: Math.max(1, e.RATE_SEND_PER_IP_BURST ?? d.addressSendBurst),
    signUpsPerHour: on(e.SIGNUPS_PER_IP_PER_HOUR ?? d.signUpsPerHour),
    historyRowsPerSecond: on(e.HISTORY_ROWS_PER_SEC ?? d.historyRowsPerSecond),
    historyRowsBurst: Math.max(1, e.HISTORY_ROWS_BURST ?? d.historyRowsBurst),
    addressHistoryRowsPerSecond: on(e.HISTORY_ROWS_PER_IP_PER_SEC ?? d.addressHistoryRowsPerSecond),
    addressHistoryRowsBurst: Math.max(1, e.HISTORY_ROWS_PER_IP_BURST ?? d.addressHistoryRowsBurst),
    storageBytesPerDay: on(e.STORAGE_BYTES_PER_USER_PER_DAY ?? d.storageBytesPerDay),
    addressStorageBytesPerDay: on(e.STORAGE_BYTES_PER_IP_PER_DAY ?? d.addressStorageBytesPerDay),
  };
}

/** Every rate, connection and per-user limit off, as `ABUSE_LIMITS=off` (benchmarks; tests of other things). */
export const LIMITS_OFF: AbuseLimits = abuseLimitsFromEnv({ ABUSE_LIMITS: "off" });
