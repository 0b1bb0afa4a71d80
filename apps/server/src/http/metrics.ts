import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Logger } from "../logger.js";

export const METRICS_PATH = "/metrics";

/** Counters owned elsewhere, read at scrape time (nothing on the hot path changes for metrics). */
export interface MetricSources {
  nodeId: string;
  connections(): number;
  /** The room sequencer's gap fills and dropped duplicates. */
  sequencer(): { gapFilled: number; dropped: number };
  /** The Redis broker's counters; undefined in-process. */
  broker():
    { published: number; publishFailures: number; received: number; resets: number } | undefined;
}

/** A counter mirroring a running total kept by its owner. */
function mirroredCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number | undefined,
) {
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const value = read();
      if (value === undefined) return;
      this.reset();
      this.inc(value);
    },
  });
}

/**
 * `GET /metrics` in Prometheus text format, one registry per server (several servers can share a
 * process in tests): process and event-loop metrics from prom-client's defaults, plus Duplex's own.
 */
export function createMetrics(sources: MetricSources, log: Logger) {
  const registry = new Registry();
  registry.setDefaultLabels({ node: sources.nodeId });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  new Gauge({
    name: "duplex_connections",
    help: "Open WebSocket connections on this node",
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  mirroredCounter(
    registry,
    "duplex_gap_fills_total",
    "Messages read from the store because the broker skipped them",
    () => sources.sequencer().gapFilled,
  );
  mirroredCounter(
    registry,
    "duplex_broker_duplicates_dropped_total",
    "Broker deliveries dropped as already delivered",
    () => sources.sequencer().dropped,
  );
  mirroredCounter(
    registry,
    "duplex_broker_published_total",
    "Payloads published to Redis",
    () => sources.broker()?.published,
  );
  mirroredCounter(
    registry,
    "duplex_broker_publish_failures_total",
    "Publishes to Redis that failed or were shed",
    () => sources.broker()?.publishFailures,
  );
  mirroredCounter(
    registry,
    "duplex_broker_received_total",
    "Payloads received from Redis",
    () => sources.broker()?.received,
  );
  mirroredCounter(
    registry,
    "duplex_broker_resets_total",
    "Redis subscriber reconnects (followed by a catch-up)",
    () => sources.broker()?.resets,
  );

  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
        res.end(req.method === "HEAD" ? undefined : text);
      },
      (err: unknown) => {
        log.error({ err }, "metrics failed");
        res.writeHead(500).end();
      },
    );
  };
}
