import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allocatorEnv, jemallocCandidates } from "../src/bin/allocator.js";

const script = fileURLToPath(new URL("../bin/start.sh", import.meta.url));

/** Runs `pnpm start`'s script with `node -p <expression>` in front of the entry: node prints and exits. */
function startScript(expression: string, env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.LD_PRELOAD;
  delete base.DUPLEX_MALLOC;
  delete base.MALLOC_CONF;
  const run = spawnSync("sh", [script, "-p", expression], {
    env: { ...base, ...env },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

const threadNames =
  "(()=>{const fs=require('fs');return fs.readdirSync('/proc/self/task').map((t)=>fs.readFileSync(`/proc/self/task/${t}/comm`,'utf8').trim()).join(',')})()";
const mapsJemalloc = "require('fs').readFileSync('/proc/self/maps','utf8').includes('libjemalloc')";

describe("bin/start.sh (`pnpm start`)", () => {
  it("runs the server's node on jemalloc, found where src/bin/allocator.ts looks", () => {
    // scripts/test-all.sh installs libjemalloc2; without it this machine would not run what ships.
    expect(
      jemallocCandidates().some((p) => existsSync(p)),
      "libjemalloc2 is installed",
    ).toBe(true);
    expect(startScript("process.env.LD_PRELOAD").stdout).toBe(allocatorEnv({}).LD_PRELOAD);
    expect(startScript(mapsJemalloc).stdout).toBe("true");
    // jemalloc's purging thread: the pages a storm freed leave an idle server's RSS.
    expect(startScript("process.env.MALLOC_CONF").stdout).toBe(allocatorEnv({}).MALLOC_CONF);
    expect(startScript(threadNames).stdout).toContain("jemalloc_bg_thd");
    expect(startScript("process.env.MALLOC_CONF", { MALLOC_CONF: "narenas:2" }).stdout).toBe(
      "narenas:2",
    );
  });

  it("keeps glibc's malloc with DUPLEX_MALLOC=system", () => {
    expect(startScript(mapsJemalloc, { DUPLEX_MALLOC: "system" }).stdout).toBe("false");
  });

  it("keeps a preload already set, behind jemalloc", () => {
    const preloaded = startScript("process.env.LD_PRELOAD", { LD_PRELOAD: "libc.so.6" }).stdout;
    expect(preloaded).toBe(`${allocatorEnv({}).LD_PRELOAD} libc.so.6`);
  });

  it("refuses an unknown DUPLEX_MALLOC, naming it", () => {
    const run = startScript("1", { DUPLEX_MALLOC: "tcmalloc" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("DUPLEX_MALLOC must be jemalloc or system, not 'tcmalloc'");
  });
});
