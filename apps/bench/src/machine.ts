import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Machine } from "./report/results.js";

/** The server's core and the generator's core: different cores whenever there are two. */
export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;

function cpuModel(): string {
  const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
  return match?.[1]?.trim() ?? "unknown CPU";
}

function fdLimit(): string {
  const result = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  return result.stdout.trim() || "unknown";
}

/**
 * Pins every thread of this process to the generator core, so the generator and the server never share
 * one. Returns a note when that is not possible (one core, or no `taskset`).
 */
export function pinGenerator(): string | undefined {
  if (availableParallelism() < 2) return "one core only: server and generator share it";
  const result = spawnSync("taskset", [
    "-a",
    "-p",
    "-c",
    String(GENERATOR_CORE),
    String(process.pid),
  ]);
  if (result.status !== 0) return `could not pin the generator: ${String(result.stderr)}`;
  return undefined;
}

/** Whether `taskset` (util-linux) is installed; targets are launched through it. */
export function hasTaskset(): boolean {
  return spawnSync("taskset", ["-V"]).status === 0;
}

export function describeMachine(): Machine {
  return {
    nproc: availableParallelism(),
    cpuModel: cpuModel(),
    node: process.version,
    fdLimit: fdLimit(),
    serverCore: String(SERVER_CORE),
    generatorCore: String(GENERATOR_CORE),
  };
}
