import type { IncomingMessage, ServerResponse } from "node:http";
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type Metric,
} from "prom-client";
import type { TrafficCounters } from "../connection/trafficCounters.js";
import type { Logger } from "../logger.js";
import type { TimedStoreOp } from "../store/timedStore.js";

export const METRICS_PATH = "/metrics";

/** Counters owned elsewhere, read at scrape time (nothing on the hot path changes for metrics). */
export interface MetricSources {
  nodeId: string;
  connections(): number;
  /** The room sequencer's gap fills and dropped duplicates. */
  sequencer(): { gapFilled: number; dropped: number; reordered?: number };
  /** The Redis broker's counters; undefined in-process. */
  broker():
    { published: number; publishFailures: number; received: number; resets: number } | undefined;
  /** Socket frames in and out, room deliveries, dropped volatile frames. */
  traffic(): TrafficCounters;
  /** Made before the store opens (see {@link createStoreLatency}); registered here. */
  storeLatency: Histogram<"op">;
  /** Metrics owned by other modules (Web Push), registered as they are. */
  more?: readonly Metric[];
}

/** Seconds per store call on the message path (append, page, after), labelled by `op`. */
export function createStoreLatency(): Histogram<"op"> {
  return new Histogram({
    name: "duplex_store_seconds",
    help: "Store call latency on the message path (append, page, after)",
    labelNames: ["op"],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [],
  });
}

/** An observer for `timedStore` feeding the histogram. */
export function observeStoreLatency(histogram: Histogram<"op">) {
  return (op: TimedStoreOp, seconds: number) => histogram.observe({ op }, seconds);
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
    "duplex_broker_reordered_total",
    "Broker deliveries that arrived out of order and closed a jump without a store read",
    () => sources.sequencer().reordered,
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
  mirroredCounter(
    registry,
    "duplex_frames_in_total",
    "Text frames received from clients",
    () => sources.traffic().framesIn,
  );
  mirroredCounter(
    registry,
    "duplex_frames_out_total",
    "Frames written to client sockets",
    () => sources.traffic().framesOut,
  );
  mirroredCounter(
    registry,
    "duplex_deliveries_total",
    "Room broadcasts (messages, presence, typing) handed to a socket of the room",
    () => sources.traffic().deliveries,
  );
  mirroredCounter(
    registry,
    "duplex_volatile_dropped_total",
    "Volatile frames (typing, stats) dropped for a congested or still-joining socket",
    () => sources.traffic().volatileDropped,
  );
  mirroredCounter(
    registry,
    "duplex_ignored_fields_total",
    "Fields of client frames this version does not know, ignored (tolerant reading)",
    () => sources.traffic().ignoredFields,
  );
  mirroredCounter(
    registry,
    "duplex_unknown_types_total",
    "Client frames of a type this version does not know, answered unknown_type",
    () => sources.traffic().unknownTypes,
  );
  registry.registerMetric(sources.storeLatency);
  for (const metric of sources.more ?? []) registry.registerMetric(metric);

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
