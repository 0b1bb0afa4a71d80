import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CLOSE_REASONS, CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, tempDb } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function runMain(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  // Node itself (not the tsx CLI wrapper), so signals reach the server process directly.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=duplex-source", "src/main.ts"],
    { cwd: packageDir, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: "pipe" },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe("the CLI entry (src/main.ts)", () => {
  it("prints its URL and on SIGTERM closes clients with 1001, then exits 0", async () => {
    using db = tempDb();
    const run = runMain({ PORT: "0", DB_PATH: db.path, TOKEN_SECRET: "t".repeat(32) });
    try {
      let url = "";
      await expect
        .poll(() => (url = /WebSocket (ws:\/\/\S+)\)/.exec(run.output())?.[1] ?? ""), {
          timeout: 15_000,
        })
        .not.toBe("");
      const { client } = await TestClient.hello(url, { name: "Alice" });
      run.child.kill("SIGTERM");
      expect(await client.closed).toEqual({
        code: CloseCode.GoingAway,
        reason: CLOSE_REASONS[CloseCode.GoingAway],
      });
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("refuses to start on a bad variable, naming it", async () => {
    const run = runMain({ PORT: "not-a-port" });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain("PORT");
  });
});
