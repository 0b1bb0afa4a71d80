import { existsSync } from "node:fs";

/** jemalloc's options unless `MALLOC_CONF` sets others (the same in bin/start.sh). */
export const JEMALLOC_CONF = "background_thread:true";

/** Node's `process.arch` → the machine name in Debian's multiarch library directory. */
const MULTIARCH: Readonly<Record<string, string>> = { x64: "x86_64", arm64: "aarch64" };

/** Where jemalloc's shared library lives: Debian/Ubuntu (multiarch), Alpine, Fedora, a local build. */
export function jemallocCandidates(arch: string = process.arch): string[] {
  const machine = MULTIARCH[arch];
  return [
    ...(machine === undefined ? [] : [`/usr/lib/${machine}-linux-gnu/libjemalloc.so.2`]),
    "/usr/lib/libjemalloc.so.2",
    "/usr/lib64/libjemalloc.so.2",
    "/usr/local/lib/libjemalloc.so.2",
  ];
}

/**
 * The environment a server node is started with so that it runs on jemalloc, as `bin/start.sh`
 * starts it: `LD_PRELOAD` with the first library found, in front of any preload already set, and
 * `MALLOC_CONF` ({@link JEMALLOC_CONF} unless set). `DUPLEX_MALLOC` (`jemalloc`, the default, or
 * `system`) chooses. Empty with `system`, when jemalloc is already preloaded, or when the machine
 * has none (the node then runs on the system's malloc). Why: docs/decisions/0015-allocator.md.
 */
export function allocatorEnv(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  arch: string = process.arch,
): { LD_PRELOAD?: string; MALLOC_CONF?: string } {
  const choice = env.DUPLEX_MALLOC ?? "jemalloc";
  if (choice !== "jemalloc" && choice !== "system") {
    throw new Error(`DUPLEX_MALLOC must be jemalloc or system, not '${choice}'`);
  }
  const preload = env.LD_PRELOAD ?? "";
  if (choice === "system" || preload.includes("libjemalloc")) return {};
  const lib = jemallocCandidates(arch).find(exists);
  if (lib === undefined) return {};
  return {
    LD_PRELOAD: preload === "" ? lib : `${lib} ${preload}`,
    // Purging on jemalloc's own thread: an idle server makes no malloc calls to purge on.
    MALLOC_CONF: env.MALLOC_CONF ?? JEMALLOC_CONF,
  };
}
