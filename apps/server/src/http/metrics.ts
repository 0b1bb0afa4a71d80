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
import { socketFlushCount } from "../connection/writeCoalescing.js";
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
  /** The malloc this process runs on (`wiring/malloc.ts`): exported as `duplex_malloc_info`. */
  malloc: string;
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

/** A running total kept by its owner, read at scrape time (undefined: none on this node). */
interface MirroredTotal {
  name: string;
  help: string;
  read: (sources: MetricSources) => number | undefined;
}

/** The totals mirrored as counters, in the order `/metrics` lists them. */
const MIRRORED_TOTALS: readonly MirroredTotal[] = [
  {
    name: "duplex_gap_fills_total",
    help: "Messages read from the store because the broker skipped them",
    read: (s) => s.sequencer().gapFilled,
  },
  {
    name: "duplex_broker_duplicates_dropped_total",
    help: "Broker deliveries dropped as already delivered",
    read: (s) => s.sequencer().dropped,
  },
  {
    name: "duplex_broker_reordered_total",
    help: "Broker deliveries that arrived out of order and closed a jump without a store read",
    read: (s) => s.sequencer().reordered,
  },
  {
    name: "duplex_broker_published_total",
    help: "Payloads published to Redis",
    read: (s) => s.broker()?.published,
  },
  {
    name: "duplex_broker_publish_failures_total",
    help: "Publishes to Redis that failed or were shed",
    read: (s) => s.broker()?.publishFailures,
  },
  {
    name: "duplex_broker_received_total",
    help: "Payloads received from Redis",
    read: (s) => s.broker()?.received,
  },
  {
    name: "duplex_broker_resets_total",
    help: "Redis subscriber reconnects (followed by a catch-up)",
    read: (s) => s.broker()?.resets,
  },
  {
    name: "duplex_frames_in_total",
    help: "Text frames received from clients",
    read: (s) => s.traffic().framesIn,
  },
  {
    name: "duplex_frames_out_total",
    help: "Frames written to client sockets",
    read: (s) => s.traffic().framesOut,
  },
  {
    name: "duplex_socket_flushes_total",
    help: "Coalesced socket writes, this process (frames out per flush: frames per write)",
    read: () => socketFlushCount(),
  },
  {
    name: "duplex_read_pauses_total",
    help: "Times a socket stopped reading because its queue of unhandled frames was full (TCP backpressure)",
    read: (s) => s.traffic().readPauses,
  },
  {
    name: "duplex_deliveries_total",
    help: "Room broadcasts (messages, presence, typing) handed to a socket of the room",
    read: (s) => s.traffic().deliveries,
  },
  {
    name: "duplex_volatile_dropped_total",
    help: "Volatile frames (typing, stats) dropped for a congested or still-joining socket",
    read: (s) => s.traffic().volatileDropped,
  },
  {
    name: "duplex_ignored_fields_total",
    help: "Fields of client frames this version does not know, ignored (tolerant reading)",
    read: (s) => s.traffic().ignoredFields,
  },
  {
    name: "duplex_unknown_types_total",
    help: "Client frames of a type this version does not know, answered unknown_type",
    read: (s) => s.traffic().unknownTypes,
  },
];

/** A counter mirroring a running total kept by its owner. */
function mirroredCounter(registry: Registry, total: MirroredTotal, sources: MetricSources) {
  return new Counter({
    name: total.name,
    help: total.help,
    registers: [registry],
    collect() {
      const value = total.read(sources);
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
  new Gauge({
    name: "duplex_malloc_info",
    help: "The malloc this node runs on (bin/start.sh preloads jemalloc when the machine has it)",
    labelNames: ["malloc"],
    registers: [registry],
  }).set({ malloc: sources.malloc }, 1);
  for (const total of MIRRORED_TOTALS) mirroredCounter(registry, total, sources);
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
