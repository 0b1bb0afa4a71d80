import { z } from "zod";
import { onOff, wholeNumber } from "../envValues.js";

/** Settings of the `/echo` endpoint, part of `Config`. */
export interface EchoSettings {
  /** Whether `/echo` answers at all (else 404). @default on, except with NODE_ENV=production */
  enabled: boolean;
  /** Open echo sockets per remote address, counted apart from `/ws`'s. @default 8 */
  maxPerIp: number;
  /** Open echo sockets in total. @default 256 */
  maxTotal: number;
  /** An echo socket that sends no message for this long is closed with 1000. @default 60000 */
  idleMs: number;
}

export const DEFAULT_ECHO: Omit<EchoSettings, "enabled"> = {
  maxPerIp: 8,
  maxTotal: 256,
  idleMs: 60_000,
};

const count = wholeNumber(1, 1_000_000);

/** Environment variables of the echo endpoint (merged into the server's env schema). */
export const ECHO_ENV = {
  ECHO: onOff.optional(),
  ECHO_MAX_CONNECTIONS_PER_IP: count.optional(),
  ECHO_MAX_CONNECTIONS: count.optional(),
  ECHO_IDLE_MS: count.pipe(z.number().min(100).max(3_600_000)).optional(),
};

type EchoEnv = z.infer<ReturnType<typeof z.object<typeof ECHO_ENV>>>;

/** The tutorial endpoint holds no user data but is a socket anyone may open: off in production. */
export function echoFromEnv(e: EchoEnv & { NODE_ENV?: string | undefined }): EchoSettings {
  return {
    enabled: e.ECHO === undefined ? e.NODE_ENV !== "production" : e.ECHO === "on",
    maxPerIp: e.ECHO_MAX_CONNECTIONS_PER_IP ?? DEFAULT_ECHO.maxPerIp,
    maxTotal: e.ECHO_MAX_CONNECTIONS ?? DEFAULT_ECHO.maxTotal,
    idleMs: e.ECHO_IDLE_MS ?? DEFAULT_ECHO.idleMs,
  };
}
