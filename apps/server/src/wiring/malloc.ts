import { readFileSync } from "node:fs";

/**
 * Which malloc this process runs on: `jemalloc` when its library is mapped (preloaded by
 * `bin/start.sh`), else `system`. Read from the process's own mappings, not from `LD_PRELOAD`, so
 * a preload the loader refused is not reported as in use.
 */
export function runningMalloc(maps: () => string = () => readFileSync("/proc/self/maps", "utf8")) {
  try {
    return maps().includes("libjemalloc") ? "jemalloc" : "system";
  } catch {
    return "system"; // no /proc (not Linux): the platform's own malloc
  }
}
