const COUNTERS = [
  "duplex_gap_fills_total",
  "duplex_broker_published_total",
  "duplex_broker_received_total",
  "duplex_broker_duplicates_dropped_total",
  "duplex_broker_reordered_total",
  "duplex_frames_out_total",
  "duplex_socket_flushes_total",
] as const;

/**
 * The upper bound of the histogram bucket that holds quantile `q` of the store's `append` latency
 * (submit to durable commit), in ms: whether a run's tail sat in the store's queue. Undefined when
 * nothing was appended.
 */
function appendQuantileMs(text: string, q: number): number | undefined {
  const buckets: { le: number; count: number }[] = [];
  const line = /^duplex_store_seconds_bucket\{([^}]*)\} (\S+)$/gm;
  for (let match = line.exec(text); match !== null; match = line.exec(text)) {
    const labels = match[1] ?? "";
    if (!/\bop="append"/.test(labels)) continue;
    const le = /\ble="([^"]+)"/.exec(labels)?.[1];
    if (le === undefined) continue;
    buckets.push({ le: le === "+Inf" ? Infinity : Number(le), count: Number(match[2]) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const bucket = buckets.find((b) => b.count >= q * total);
  return bucket === undefined ? undefined : bucket.le * 1000;
}

/**
 * A node's counters from its `/metrics` text: the sequencer's and broker's totals, and — to tell a
 * saturated run from a spiky one — the bucket bounds of the append latency's p50 and p99 and the
 * event loop's p99 delay (prom-client's default metrics), in ms.
 */
export function readNodeMetrics(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of COUNTERS) {
    const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text);
    if (match?.[1] !== undefined) out[name.replace(/^duplex_|_total$/g, "")] = Number(match[1]);
  }
  const p50 = appendQuantileMs(text, 0.5);
  const p99 = appendQuantileMs(text, 0.99);
  if (p50 !== undefined) out.append_p50_le_ms = p50;
  if (p99 !== undefined) out.append_p99_le_ms = p99;
  const lag = /^nodejs_eventloop_lag_p99_seconds(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1];
  if (lag !== undefined) out.loop_lag_p99_ms = Math.round(Number(lag) * 10_000) / 10;
  return out;
}

/** {@link readNodeMetrics} of one node's `/metrics` (open outside production); {} if it does not answer. */
export async function nodeCounters(port: number): Promise<Record<string, number>> {
  try {
    return readNodeMetrics(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
  } catch {
    return {};
  }
}
