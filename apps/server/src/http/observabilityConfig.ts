import { z } from "zod";
import { wholeNumber } from "../envValues.js";

/** Shortest `METRICS_TOKEN`, and shortest `ADMIN_TOKEN` in production: 32 base64 characters ≈ 190 bits. */
export const MIN_SECRET_TOKEN_LENGTH = 32;

/** Where `/metrics` is served and who may read it, part of `Config`. */
export interface MetricsExposure {
  /** Bearer token every `/metrics` request must carry. @default undefined */
  token: string | undefined;
  /** Serve `/metrics` on this port (same `HOST`) instead of the main one; 0 picks a free port. @default undefined */
  port: number | undefined;
  /**
   * With neither a token nor a port: whether the main port serves `/metrics` to anyone.
   * @default true, false with NODE_ENV=production (process and traffic figures are not public)
   */
  open: boolean;
}

/** Who may subscribe to the `stats` topic: any user, or owners and admins only. */
export const STATS_ACCESS = ["everyone", "admins"] as const;
export type StatsAccess = (typeof STATS_ACCESS)[number];

/** Environment variables of `/metrics` and the stats topic (merged into the server's env schema). */
export const OBSERVABILITY_ENV = {
  METRICS_TOKEN: z
    .string()
    .trim()
    .min(MIN_SECRET_TOKEN_LENGTH, `must be at least ${MIN_SECRET_TOKEN_LENGTH} characters`)
    .optional(),
  METRICS_PORT: wholeNumber(0, 65535, "must be a port number").optional(),
  STATS_TOPIC: z.enum(STATS_ACCESS).optional(),
};

type ObservabilityEnv = z.infer<ReturnType<typeof z.object<typeof OBSERVABILITY_ENV>>>;

/** Builds the `/metrics` and stats-topic settings; both are closed by default in production. */
export function observabilityFromEnv(
  e: ObservabilityEnv,
  production: boolean,
): { metrics: MetricsExposure; statsTopic: StatsAccess } {
  return {
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, open: !production },
    statsTopic: e.STATS_TOPIC ?? (production ? "admins" : "everyone"),
  };
}

/** Where `/metrics` goes: the main port, its own port, or nowhere. */
export function metricsPlacement(m: MetricsExposure): "main" | "own-port" | "off" {
  if (m.port !== undefined) return "own-port";
  return m.token !== undefined || m.open ? "main" : "off";
}
