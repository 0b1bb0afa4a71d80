import { parseArgs } from "node:util";
import { Capability } from "@duplex/protocol";
import { FULL, QUICK, type BenchConfig } from "./config.js";

/** What one bench run was asked for on its command line, checked. */
export interface BenchOptions {
  config: BenchConfig;
  scenarios: ReadonlySet<string>;
  /** Target names; `duplex-base` is added when `--duplex-base` names a build. */
  targets: ReadonlySet<string>;
  bigRoomBefore: boolean;
  /** Scenario a's receivers (the preset's unless `--fanout-receivers`). */
  fanoutReceivers: readonly number[];
  /** Scenario f's sizes (the preset's unless `--big-room-sizes`). */
  bigRoomSizes: readonly number[];
  /** How many times scenario f runs each size, its variants interleaved within each trial. */
  bigRoomTrials: number;
  cpuProf: boolean;
  gcPort: number | undefined;
  /** Scenario f: a sampling heap profile of each fill through the inspector at `gcPort`. */
  allocProf: boolean;
  /**
   * Another build's server directory, the capabilities its clients ask for, and whether it runs
   * before `duplex` (`--base-first`): alternate the order across runs, as the slot a build runs in
   * tends to show in its figures.
   */
  base: { dir: string; caps: Capability[]; first: boolean } | undefined;
}

/** A comma-separated list of integers 1..max, or the preset's when the option is absent. */
function counts(value: string | undefined, preset: readonly number[], flag: string, max: number) {
  const list = value?.split(",").map(Number) ?? preset;
  if (!list.every((n) => Number.isInteger(n) && n > 0 && n <= max))
    throw new Error(`--${flag} must be integers 1..${max}`);
  return list;
}

function capsOf(list: string): Capability[] {
  const names = list.split(",").filter((name) => name !== "");
  const known = new Set<string>(Object.values(Capability));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`--duplex-base-caps: unknown ${unknown.join(", ")}`);
  return names as Capability[];
}

/** Parses and checks the command line (main.ts's header lists the options). */
export function readOptions(args: string[] = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean", default: false },
      targets: { type: "string", default: "ws,socket.io,duplex" },
      scenarios: { type: "string", default: "a,b,c,d,e,f" },
      "big-room-before": { type: "boolean", default: false },
      // Scenario a's receivers instead of the preset's, e.g. `--fanout-receivers=10000`.
      "fanout-receivers": { type: "string" },
      // Scenario f's sizes instead of the preset's, e.g. `--big-room-sizes=5000,10000`.
      "big-room-sizes": { type: "string" },
      // Scenario f, each size this many times, the variants interleaved in every trial: one fill's
      // time moves ±15 % with this machine's pace, so a verdict reads the medians (bigRoomMedians.ts).
      "big-room-trials": { type: "string", default: "1" },
      // Profiles every target process: one .cpuprofile per start in results/profiles/<target>/.
      "cpu-prof": { type: "boolean", default: false },
      // Scenario f: opens each target's inspector on this loopback port and runs a full GC before
      // every RSS read (idle memory without the storm's garbage and young generation).
      "gc-port": { type: "string" },
      // Scenario f, with --gc-port: what each fill allocated (V8's sampling heap profiler, freed objects
      // included), written to results/profiles/<target>/ with the top sites printed. Slows the fill.
      "alloc-prof": { type: "boolean", default: false },
      // Scenario b's messages/s per client (default 10): 20 × 500 clients asks 10,000 persisted sends/s.
      "b-rate": { type: "string" },
      // Scenario b's measured window in seconds instead of the preset's (5 s full, 2 s quick).
      "b-seconds": { type: "string" },
      // An older build's server directory (holding dist/main.js): adds target `duplex-base`.
      "duplex-base": { type: "string" },
      // The capabilities duplex-base's clients ask for, comma-separated (default: none, which every
      // build understands; e.g. `presence_diff,member_pages` for a build that knows them).
      "duplex-base-caps": { type: "string", default: "" },
      // duplex-base runs before duplex in each scenario instead of after it.
      "base-first": { type: "boolean", default: false },
    },
  });
  const preset: BenchConfig = values.quick ? QUICK : FULL;
  const bRate = values["b-rate"] === undefined ? undefined : Number(values["b-rate"]);
  if (bRate !== undefined && !(bRate > 0 && bRate <= 1000))
    throw new Error("--b-rate must be 1..1000");
  const bSeconds = values["b-seconds"] === undefined ? undefined : Number(values["b-seconds"]);
  if (bSeconds !== undefined && !(bSeconds > 0 && bSeconds <= 120))
    throw new Error("--b-seconds must be 1..120");
  const gcPort = values["gc-port"] === undefined ? undefined : Number(values["gc-port"]);
  if (gcPort !== undefined && !(Number.isInteger(gcPort) && gcPort > 0 && gcPort < 65_536))
    throw new Error("--gc-port must be a TCP port");
  if (values["alloc-prof"] && gcPort === undefined)
    throw new Error("--alloc-prof needs --gc-port (it samples through the inspector)");
  const bigRoomTrials = Number(values["big-room-trials"]);
  if (!(Number.isInteger(bigRoomTrials) && bigRoomTrials >= 1 && bigRoomTrials <= 15))
    throw new Error("--big-room-trials must be 1..15");
  const baseDir = values["duplex-base"];
  if (values["base-first"] && baseDir === undefined)
    throw new Error("--base-first needs --duplex-base");
  const targets = new Set(values.targets.split(","));
  if (baseDir !== undefined) targets.add("duplex-base");
  return {
    config: {
      ...preset,
      manySenders: {
        ...preset.manySenders,
        ...(bRate !== undefined && { ratePerClient: bRate }),
        ...(bSeconds !== undefined && { durationMs: bSeconds * 1000 }),
      },
    },
    scenarios: new Set(values.scenarios.split(",")),
    targets,
    bigRoomBefore: values["big-room-before"],
    fanoutReceivers: counts(
      values["fanout-receivers"],
      preset.fanoutReceivers,
      "fanout-receivers",
      20_000,
    ),
    bigRoomSizes: counts(
      values["big-room-sizes"],
      preset.bigRoom.members,
      "big-room-sizes",
      20_000,
    ),
    bigRoomTrials,
    cpuProf: values["cpu-prof"],
    gcPort,
    allocProf: values["alloc-prof"],
    base:
      baseDir === undefined
        ? undefined
        : {
            dir: baseDir,
            caps: capsOf(values["duplex-base-caps"]),
            first: values["base-first"],
          },
  };
}
