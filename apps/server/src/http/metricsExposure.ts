import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";
import { bearerGuarded, type AuthFailures } from "./bearerAuth.js";
import { METRICS_PATH } from "./metrics.js";
import { metricsPlacement, type MetricsExposure } from "./observabilityConfig.js";
import type { Route } from "./requestHandler.js";

/** `/metrics` placed as configured: a route for the main port, or a listener of its own. */
export interface ExposedMetrics {
  /** The route to mount on the main port, if `/metrics` is served there. */
  mainRoute: Route | undefined;
  /** Starts the separate listener, if any; resolves with its base URL. */
  listen(host: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Process and traffic figures are not for the public: `/metrics` is served behind `METRICS_TOKEN`,
 * on `METRICS_PORT` (to be kept off the public network), openly in development, and not at all in
 * production without either.
 */
export function exposeMetrics(
  exposure: MetricsExposure,
  metrics: Route,
  failures: AuthFailures,
  now: () => number,
  log: Logger,
): ExposedMetrics {
  const route =
    exposure.token === undefined ? metrics : bearerGuarded(metrics, exposure.token, failures, now);
  const placement = metricsPlacement(exposure);
  if (placement === "off") {
    log.warn("/metrics is not served: set METRICS_TOKEN or METRICS_PORT to scrape it");
  }
  if (placement !== "own-port") {
    return {
      mainRoute: placement === "main" ? route : undefined,
      listen: () => Promise.resolve(undefined),
      close: () => Promise.resolve(),
    };
  }
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? "/", "http://localhost").pathname === METRICS_PATH) route(req, res);
    else res.writeHead(404).end();
  });
  return {
    mainRoute: undefined,
    listen: (host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(exposure.port, host, () => {
          server.off("error", reject);
          const { port } = server.address() as AddressInfo;
          const urlHost = host.includes(":") ? `[${host}]` : host;
          resolve(`http://${urlHost === "0.0.0.0" ? "127.0.0.1" : urlHost}:${port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
