// `pnpm --filter @duplex/bench bench [--quick] [--targets=ws,socket.io,duplex] [--scenarios=a,b,c,d,e,f]`
// `--big-room-before` adds scenario f's presence-only Duplex clients at every size (the quick run
// always measures them at 1,000): O(N²) bytes, about a minute at 5,000. `--big-room-trials=5` runs
// each size five times, the variants interleaved, and adds a table of the medians.
// `--duplex-base=<dir>` adds target `duplex-base`: the server built in <dir> (its `dist/main.js`).
// The two-node target (Postgres + Redis) is opt-in: `--targets=ws,duplex,duplex-cluster --scenarios=a,b`.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import type { Target, TargetName } from "./adapters/target.js";
import { duplexClusterMissing, duplexClusterTarget } from "./adapters/duplexClusterTarget.js";
import {
  duplexAvailable,
  duplexBaseTarget,
  duplexBigRoomTarget,
  duplexBigRoomTargetFrom,
  duplexPresenceOnlyTarget,
  duplexTarget,
} from "./adapters/duplexTarget.js";
import { rawWsDefaultTarget, rawWsTarget } from "./adapters/rawWsTarget.js";
import { socketIoTarget } from "./adapters/socketIoTarget.js";
import { describeMachine, hasTaskset, pinGenerator } from "./machine.js";
import { renderResults } from "./report/render.js";
import type { BenchResults, BigRoomVariant } from "./report/results.js";
import { runBigRoom } from "./scenarios/bigRoom.js";
import { collectGarbage, inspectFlag } from "./measure/inspector.js";
import { allocationSummary, startAllocationSampling } from "./measure/allocationSampling.js";
import { measureBundle } from "./scenarios/bundleSize.js";
import { runConnectStorm } from "./scenarios/connectStorm.js";
import { runFanout } from "./scenarios/fanout.js";
import { runIdleMemory } from "./scenarios/idleMemory.js";
import { runManySenders } from "./scenarios/manySenders.js";
import { readOptions } from "./options.js";
import type { Ports, RunningTarget } from "./targets/targetProcess.js";

const RESULTS_DIR = fileURLToPath(new URL("../results/", import.meta.url));
const ALL_TARGETS: readonly Target[] = [
  rawWsTarget,
  socketIoTarget,
  duplexTarget,
  duplexClusterTarget,
];

const options = readOptions();
const { config, scenarios, targets: wanted, gcPort } = options;

const results: BenchResults = {
  date: new Date().toISOString(),
  mode: config.mode,
  machine: describeMachine(),
  notes: [],
  fanout: [],
  manySenders: {},
  idle: {},
  storm: {},
  bigRoom: [],
  bundle: undefined,
  errors: [],
};

results.notes.push(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
if (!hasTaskset())
  throw new Error("taskset (util-linux) is required to pin the server and the generator");
const pinNote = pinGenerator();
if (pinNote) results.notes.push(pinNote);
const fdNeeded =
  Math.max(config.idle.connections, config.storm.clients, ...config.bigRoom.members) + 256;
if (Number(results.machine.fdLimit) < fdNeeded) {
  results.notes.push(`ulimit -n is ${results.machine.fdLimit}; this run needs about ${fdNeeded}`);
}

const base = options.base && duplexBaseTarget(options.base.dir, options.base.caps);
const targets = (
  base === undefined
    ? ALL_TARGETS
    : options.base?.first === true
      ? ALL_TARGETS.flatMap((t) => (t.name === "duplex" ? [base, t] : [t]))
      : [...ALL_TARGETS, base]
)
  .filter((t) => wanted.has(t.name))
  .filter((t) => {
    if (t.name === "duplex-cluster") {
      const missing = duplexClusterMissing();
      if (missing) results.notes.push(`duplex-cluster skipped: ${missing}`);
      return missing === undefined;
    }
    if (t.name !== "duplex" || duplexAvailable()) return true;
    results.notes.push("duplex skipped: apps/server/dist/main.js is missing: run `pnpm build`");
    return false;
  });

// The target running now, stopped on Ctrl-C so no server outlives the run.
let current: RunningTarget | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    const stopping = current?.stop() ?? Promise.resolve();
    void stopping.finally(() => process.exit(130));
  });
}

/** `--alloc-prof`: samples one fill's allocations; stopping writes the profile and prints the top sites. */
async function sampleFill(port: number, variant: string, members: number, trial?: number) {
  const stop = await startAllocationSampling(port);
  return async () => {
    const profile = await stop();
    const dir = `${RESULTS_DIR}profiles/${variant}`;
    mkdirSync(dir, { recursive: true });
    // One file per trial when there are several, so a later trial does not overwrite an earlier one.
    const name = `alloc-f-${members}${trial === undefined ? "" : `-trial${trial}`}.heapprofile`;
    writeFileSync(join(dir, name), JSON.stringify(profile));
    const { totalBytes, sites } = allocationSummary(profile, 12);
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    const lines = sites.map(({ site, bytes }) => `  ${mb(bytes).padStart(7)} MiB  ${site}`);
    process.stderr.write(
      `f N=${members} (${variant}): ${mb(totalBytes)} MiB allocated during the fill, ` +
        `${Math.round(totalBytes / members / 1024)} KiB per member (times of this run are slowed)\n` +
        `${lines.join("\n")}\n`,
    );
  };
}

/** Starts the target fresh, runs one measurement, stops it; an error is recorded, not thrown. */
async function withTarget<T>(
  scenario: string,
  target: Target,
  run: (pid: number | readonly number[], port: Ports) => Promise<T>,
): Promise<T | undefined> {
  process.stderr.write(`› ${scenario} on ${target.name}\n`);
  let server: RunningTarget;
  try {
    server = await target.start([
      ...(options.cpuProf
        ? ["--cpu-prof", `--cpu-prof-dir=${RESULTS_DIR}profiles/${target.name}`]
        : []),
      ...(gcPort === undefined ? [] : [inspectFlag(gcPort)]),
    ]);
  } catch (error) {
    results.errors.push({ scenario, target: target.name, message: String(error) });
    return undefined;
  }
  current = server;
  try {
    return await run(server.pids ?? server.pid, server.ports ?? server.port);
  } catch (error) {
    results.errors.push({ scenario, target: target.name, message: String(error) });
    return undefined;
  } finally {
    await server.stop();
    current = undefined;
  }
}

if (scenarios.has("a")) {
  for (const receivers of options.fanoutReceivers) {
    const byTarget: BenchResults["fanout"][number]["byTarget"] = {};
    results.fanout.push({ receivers, byTarget });
    for (const target of targets) {
      // Latency is compared at one rate for all: half of what the floor sustained in this run.
      const floor = byTarget.ws?.sustainedRate;
      const latencyRate = floor === undefined ? undefined : floor / 2;
      byTarget[target.name] = await withTarget(`a fan-out R=${receivers}`, target, (pid, port) =>
        runFanout(target, pid, port, { ...config.fanout, receivers, latencyRate }),
      );
    }
  }
}
if (scenarios.has("b")) {
  for (const target of targets) {
    results.manySenders[target.name] = await withTarget("b many senders", target, (pid, port) =>
      runManySenders(target, pid, port, config.manySenders),
    );
  }
}
// Idle memory and the connect storm measure one process: the cluster target takes part in a and b only.
const singleProcess = targets.filter((t) => t.name !== "duplex-cluster");
const single = (x: number | readonly number[]): number => (typeof x === "number" ? x : (x[0] ?? 0));
if (targets.length > singleProcess.length && (scenarios.has("c") || scenarios.has("d"))) {
  results.notes.push("duplex-cluster runs scenarios a and b only");
}
/** Runs `run` on every single-process target, one fresh server each, into `into[target name]`. */
async function onEachSingleProcess<T>(
  scenario: string,
  into: Record<string, T | undefined>,
  run: (target: Target, pid: number, port: number) => Promise<T>,
): Promise<void> {
  for (const target of singleProcess) {
    into[target.name] = await withTarget(scenario, target, (pid, port) =>
      run(target, single(pid), single(port)),
    );
  }
}
if (scenarios.has("c")) {
  await onEachSingleProcess("c idle memory", results.idle, (target, pid, port) =>
    runIdleMemory(target, pid, port, config.idle.connections, config.idle.perRoom),
  );
}
if (scenarios.has("d")) {
  await onEachSingleProcess("d connect storm", results.storm, (target, pid, port) =>
    runConnectStorm(target, pid, port, config.storm.clients, config.storm.perRoom),
  );
}
if (scenarios.has("f")) {
  // Duplex in f runs with DURABILITY=process: see duplexBigRoomTarget.
  const bigRoomTarget = (t: Target): Target => {
    if (t.name === "duplex") return duplexBigRoomTarget;
    if (t.name === "duplex-base" && options.base !== undefined) {
      return duplexBigRoomTargetFrom(join(options.base.dir, "dist", "main.js"), options.base.caps);
    }
    return t;
  };
  const variants = singleProcess
    .filter((t) => t.name === "ws" || t.name === "duplex" || t.name === "duplex-base")
    .flatMap((t) => [
      { variant: t.name as BigRoomVariant, target: bigRoomTarget(t) },
      // The bare server at Node's listen defaults beside it: the harness the big-room issue used.
      ...(t.name === "ws" ? [{ variant: "ws-default" as const, target: rawWsDefaultTarget }] : []),
    ]);
  const duplexWanted = variants.some((v) => v.variant === "duplex");
  for (const members of options.bigRoomSizes) {
    const before =
      duplexWanted && (options.bigRoomBefore || (config.mode === "quick" && members <= 1000));
    const all = before
      ? [...variants, { variant: "duplex-presence" as const, target: duplexPresenceOnlyTarget }]
      : variants;
    // Trial after trial, every variant in each, so the machine's slow minutes fall on all of them.
    for (let trial = 1; trial <= options.bigRoomTrials; trial++) {
      const byVariant: BenchResults["bigRoom"][number]["byVariant"] = {};
      // Numbered only when there are several, so a run of one reads (and files its profile) as before.
      const trialNo = options.bigRoomTrials > 1 ? trial : undefined;
      results.bigRoom.push({
        members,
        byVariant,
        ...(trialNo !== undefined && { trial: trialNo }),
      });
      const label = trialNo === undefined ? "" : ` trial ${trial}/${options.bigRoomTrials}`;
      for (const { variant, target } of all) {
        byVariant[variant] = await withTarget(
          `f big room N=${members}${label} (${variant})`,
          target,
          (pid, port) =>
            runBigRoom(target, single(pid), single(port), members, {
              collectGarbage: gcPort === undefined ? undefined : () => collectGarbage(gcPort),
              sampleAllocations:
                options.allocProf && gcPort !== undefined
                  ? () => sampleFill(gcPort, variant, members, trialNo)
                  : undefined,
            }),
        );
      }
    }
  }
}
if (scenarios.has("e")) results.bundle = measureBundle();

// A target that delivered nothing or could not connect at all is a broken run, not a slow one.
const silent: string[] = [];
const check = (what: string, name: TargetName, ok: boolean) => {
  if (!ok) silent.push(`${what} / ${name}`);
};
for (const { receivers, byTarget } of results.fanout) {
  for (const t of targets) check(`a R=${receivers}`, t.name, (byTarget[t.name]?.peakRate ?? 0) > 0);
}
for (const t of targets) {
  if (scenarios.has("b")) check("b", t.name, (results.manySenders[t.name]?.deliveredRate ?? 0) > 0);
  if (t.name === "duplex-cluster") continue;
  if (scenarios.has("c")) check("c", t.name, (results.idle[t.name]?.connections ?? 0) > 0);
  if (scenarios.has("d")) check("d", t.name, (results.storm[t.name]?.connected ?? 0) > 0);
  if (t.name !== "ws" && t.name !== "duplex") continue;
  for (const { members, byVariant } of results.bigRoom) {
    check(`f N=${members}`, t.name, (byVariant[t.name]?.ready ?? 0) > 0);
  }
}

results.notes.push(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(renderResults(results));
mkdirSync(RESULTS_DIR, { recursive: true });
const file = `${RESULTS_DIR}${results.date.replace(/[:.]/g, "-")}.json`;
// Formatted as the repo's formatter would, so a committed latest.json passes `prettier --check`.
const json = await format(JSON.stringify(results), {
  ...(await resolveConfig(file)),
  parser: "json",
});
writeFileSync(file, json);
if (config.mode === "full") writeFileSync(`${RESULTS_DIR}latest.json`, json);
console.log(`\nresults: ${file}`);

if (silent.length > 0 || results.errors.length > 0) {
  console.error(`FAILED: nothing delivered or connected in: ${silent.join(", ") || "–"}`);
  process.exit(1);
}
