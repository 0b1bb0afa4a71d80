import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { duplexNodeFlags } from "./duplexTarget.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function packageWithStart(start: string): string {
  const dir = mkdtempSync(join(tmpdir(), "duplex-flags-"));
  dirs.push(dir);
  const path = join(dir, "package.json");
  writeFileSync(path, JSON.stringify({ scripts: { start } }));
  return path;
}

describe("duplexNodeFlags", () => {
  it("takes the Node flags of the server's start script, not its entry", () => {
    expect(duplexNodeFlags(packageWithStart("node --a --b=1 dist/main.js"))).toEqual([
      "--a",
      "--b=1",
    ]);
    expect(duplexNodeFlags(packageWithStart("node dist/main.js"))).toEqual([]);
    expect(duplexNodeFlags(packageWithStart("tsx --watch src/main.ts"))).toEqual([]);
  });

  it("runs the bench's Duplex with flags this Node accepts", () => {
    const flags = duplexNodeFlags();
    expect(flags).toContain("--max-semi-space-size=64");
    const run = spawnSync(process.execPath, [...flags, "-e", "0"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
