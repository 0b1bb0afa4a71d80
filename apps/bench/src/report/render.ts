import type { TargetName } from "../adapters/target.js";
import type { BundleResult } from "../scenarios/bundleSize.js";
import type { BenchResults, ByTarget } from "./results.js";
import { renderBigRoom } from "./renderBigRoom.js";
import { compact, formatTable, ms, pct, ratio } from "./table.js";

const ORDER: readonly TargetName[] = ["ws", "socket.io", "duplex-base", "duplex", "duplex-cluster"];

function rowsFor<T>(byTarget: ByTarget<T>, row: (name: TargetName, r: T) => string[]): string[][] {
  return ORDER.flatMap((name) => {
    const r = byTarget[name];
    return r === undefined ? [] : [row(name, r)];
  });
}

/** Ratios against the floor (raw ws) and Socket.IO, for one metric. */
function ratios<T>(byTarget: ByTarget<T>, value: T, metric: (r: T) => number): string[] {
  const ws = byTarget.ws;
  const sio = byTarget["socket.io"];
  return [
    ratio(metric(value), ws === undefined ? undefined : metric(ws)),
    ratio(metric(value), sio === undefined ? undefined : metric(sio)),
  ];
}

/**
 * One scenario's table: a title, a row per target in ORDER (the target's name, then `cells`), and
 * a blank line.
 */
function targetTable<T>(
  title: string,
  byTarget: ByTarget<T>,
  columns: readonly string[],
  cells: (r: T) => string[],
): string[] {
  const rows = rowsFor(byTarget, (name, r) => [name, ...cells(r)]);
  return [title, formatTable(["target", ...columns], rows), ""];
}

function renderFanout(results: BenchResults): string[] {
  return results.fanout.flatMap(({ receivers, byTarget }) => [
    ...targetTable(
      `a. Fan-out, ${receivers} receivers in one room — highest delivery rate sustained (deliveries/s)`,
      byTarget,
      [
        "ready",
        "setup ms",
        "sustained/s",
        "srv CPU",
        "gen CPU",
        "other",
        "peak/s",
        "saturates",
        "×ws",
        "×socket.io",
      ],
      (r) => [
        `${r.receivers}/${r.receiversWanted}`,
        String(r.setupMs),
        compact(r.sustainedRate),
        pct(r.sustainedCpu.server),
        pct(r.sustainedCpu.generator),
        pct(r.sustainedCpu.others),
        compact(r.peakRate),
        r.saturates,
        ...ratios(byTarget, r, (x) => x.sustainedRate),
      ],
    ),
    ...targetTable(
      `a. Fan-out, ${receivers} receivers — end-to-end latency at a fixed rate (half the floor's sustained rate)`,
      byTarget,
      ["rate/s", "p50 ms", "p99 ms", "max ms", "srv CPU", "gen CPU", "p99 ×ws", "p99 ×socket.io"],
      (r) => [
        compact(r.latencyRate),
        ms(r.latency.p50),
        ms(r.latency.p99),
        ms(r.latency.max),
        pct(r.latencyCpu.server),
        pct(r.latencyCpu.generator),
        ...ratios(byTarget, r, (x) => x.latency.p99),
      ],
    ),
  ]);
}

function renderManySenders(results: BenchResults): string[] {
  const byTarget = results.manySenders;
  const any = ORDER.map((n) => byTarget[n]).find((r) => r !== undefined);
  if (any === undefined) return [];
  return targetTable(
    `b. Many senders: ${any.clients} clients in ${any.rooms} rooms, each sending at a fixed rate`,
    byTarget,
    [
      "sent/s",
      "delivered/s",
      "complete",
      "p50 ms",
      "p99 ms",
      "srv CPU",
      "gen CPU",
      "other",
      "saturates",
      "p99 ×ws",
      "p99 ×socket.io",
    ],
    (r) => [
      compact(r.sentRate),
      compact(r.deliveredRate),
      pct(r.completion),
      ms(r.latency.p50),
      ms(r.latency.p99),
      pct(r.cpu.server),
      pct(r.cpu.generator),
      pct(r.cpu.others),
      r.saturates,
      ...ratios(byTarget, r, (x) => x.latency.p99),
    ],
  );
}

function renderIdle(results: BenchResults): string[] {
  const byTarget = results.idle;
  if (ORDER.every((n) => byTarget[n] === undefined)) return [];
  return targetTable(
    "c. Idle memory: connected, ready (Duplex: welcomed + joined) clients held idle; server RSS growth",
    byTarget,
    ["connections", "failures", "RSS before", "RSS after", "KiB/conn", "×ws", "×socket.io"],
    (r) => [
      String(r.connections),
      String(r.connectFailures),
      `${(r.rssBeforeBytes / 2 ** 20).toFixed(1)} MiB`,
      `${(r.rssAfterBytes / 2 ** 20).toFixed(1)} MiB`,
      (r.bytesPerConnection / 1024).toFixed(1),
      ...ratios(byTarget, r, (x) => x.bytesPerConnection),
    ],
  );
}

function renderStorm(results: BenchResults): string[] {
  const byTarget = results.storm;
  if (ORDER.every((n) => byTarget[n] === undefined)) return [];
  return targetTable(
    "d. Connect storm: every client opened at once; time until the last is ready (Duplex: joined)",
    byTarget,
    ["clients", "ready", "failures", "time ms", "srv CPU", "gen CPU", "×ws", "×socket.io"],
    (r) => [
      String(r.clients),
      String(r.connected),
      String(r.failures),
      String(r.elapsedMs),
      pct(r.cpu.server),
      pct(r.cpu.generator),
      ...ratios(byTarget, r, (x) => x.elapsedMs),
    ],
  );
}

function renderBundle(bundle: BundleResult | undefined): string[] {
  if (bundle === undefined) return [];
  if (bundle.assets === undefined || bundle.totals === undefined) {
    return [
      "e. Web bundle: skipped — apps/web/dist is not built (pnpm --filter @duplex/web build)",
      "",
    ];
  }
  const kb = (n: number) => (n / 1000).toFixed(1);
  const rows = [...bundle.assets, bundle.totals.js, bundle.totals.css].map((a) => [
    a.file,
    kb(a.rawBytes),
    kb(a.gzipBytes),
    kb(a.brotliBytes),
  ]);
  return [
    "e. Web bundle (apps/web/dist/assets), kB",
    formatTable(["file", "raw", "gzip", "brotli"], rows),
    "",
  ];
}

/** Every table of a run, ready to print. */
export function renderResults(results: BenchResults): string {
  const m = results.machine;
  return [
    `Duplex bench (${results.mode}) — ${results.date} — ${m.nproc} × ${m.cpuModel}, Node ${m.node}, ` +
      `server on core ${m.serverCore}, generator on core ${m.generatorCore}, ulimit -n ${m.fdLimit}`,
    "CPU columns: share of one core used by the server (srv), the load generator (gen) and everything else",
    "on the machine (other: other processes — high values mean a noisy run).",
    "",
    ...renderFanout(results),
    ...renderManySenders(results),
    ...renderIdle(results),
    ...renderStorm(results),
    ...renderBigRoom(results),
    ...renderBundle(results.bundle),
    ...results.notes.map((n) => `note: ${n}`),
    ...results.errors.map((e) => `ERROR ${e.scenario} / ${e.target}: ${e.message}`),
  ].join("\n");
}
