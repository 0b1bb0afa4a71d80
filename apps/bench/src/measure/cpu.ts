import { readFileSync } from "node:fs";

// USER_HZ is 100 on every Linux this runs on (checked with `getconf CLK_TCK`).
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, read from /proc/<pid>/stat. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name, which may itself contain spaces (proc(5)).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function processRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU used by the server and the generator over one window, as a share of one core (1 = 100 %). */
export interface CpuShare {
  server: number;
  generator: number;
}

/** Starts a window; calling the returned function ends it and reports each process's share of a core. */
export function startCpuWindow(serverPid: number): () => CpuShare {
  const startedAt = process.hrtime.bigint();
  const serverStart = processCpuSeconds(serverPid);
  const generatorStart = process.cpuUsage();
  return () => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const generator = process.cpuUsage(generatorStart);
    return {
      server: (processCpuSeconds(serverPid) - serverStart) / seconds,
      generator: (generator.user + generator.system) / 1e6 / seconds,
    };
  };
}

/** Which process ran out of CPU: the one above 90 % of its core, the busier one if both are. */
export function saturated(cpu: CpuShare): "server" | "generator" | "neither" {
  const limit = 0.9;
  if (cpu.server < limit && cpu.generator < limit) return "neither";
  return cpu.server >= cpu.generator ? "server" : "generator";
}
