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

/** CPU seconds every process on the machine has used (all cores), from the first line of /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    CLOCK_TICKS_PER_SECOND
  );
}

/** CPU used over one window, as a share of one core (1 = 100 %). */
export interface CpuShare {
  server: number;
  generator: number;
  /** Everything else on the machine (other processes, the kernel's softirqs): noise when high. */
  others: number;
}

/** Starts a window; calling the returned function ends it and reports each process's share of a core. */
export function startCpuWindow(serverPids: number | readonly number[]): () => CpuShare {
  const pids = typeof serverPids === "number" ? [serverPids] : serverPids;
  // A cluster's server share is the sum over its nodes (up to one core each).
  const serverSeconds = () => pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0);
  const startedAt = process.hrtime.bigint();
  const serverStart = serverSeconds();
  const generatorStart = process.cpuUsage();
  const machineStart = machineBusySeconds();
  return () => {
    const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
    const used = process.cpuUsage(generatorStart);
    const server = (serverSeconds() - serverStart) / seconds;
    const generator = (used.user + used.system) / 1e6 / seconds;
    const machine = (machineBusySeconds() - machineStart) / seconds;
    return { server, generator, others: Math.max(0, machine - server - generator) };
  };
}

/** Which process ran out of CPU: the one above 90 % of its core, the busier one if both are. */
export function saturated(cpu: CpuShare): "server" | "generator" | "neither" {
  const limit = 0.9;
  if (cpu.server < limit && cpu.generator < limit) return "neither";
  return cpu.server >= cpu.generator ? "server" : "generator";
}
