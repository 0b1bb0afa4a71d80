import { readFileSync, readdirSync } from "node:fs";

// USER_HZ is 100 on every Linux this runs on (see measure/cpu.ts).
const TICKS = 100;

interface Stat {
  ppid: number;
  /** Own user + system time, and that of children already reaped (Postgres backends that exited). */
  seconds: number;
  cmdline: string;
}

function readStat(pid: number): Stat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    return { ppid: Number(f[1]), seconds: ticks / TICKS, cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

function allStats(): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.set(Number(name), stat);
  }
  return stats;
}

/**
 * CPU seconds of the processes listening on `port` (found by their command line: the postmaster and
 * redis-server keep theirs) and of their children (Postgres backends, checkpointer, WAL writer).
 */
export function serviceCpuSeconds(port: number): number {
  const stats = allStats();
  // redis-server rewrites its title to `redis-server 127.0.0.1:<port>`.
  const own = new RegExp(`(-p |--port |:)${port}\\b`);
  const roots = [...stats].filter(([, s]) => own.test(s.cmdline));
  const ids = new Set(roots.map(([pid]) => pid));
  let total = 0;
  for (const [pid, s] of stats) if (ids.has(pid) || ids.has(s.ppid)) total += s.seconds;
  return total;
}
