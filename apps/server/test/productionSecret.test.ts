import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDb } from "./helpers.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

/** Runs the CLI until it exits; resolves with its exit code and everything it printed. */
function runMainToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const { TOKEN_SECRET: _drop, ...inherited } = process.env;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=duplex-source", "src/main.ts"],
    { cwd: packageDir, env: { ...inherited, LOG_LEVEL: "warn", ...env }, stdio: "pipe" },
  );
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("the token secret in production", () => {
  it.each<{ refused: string; env: Record<string, string>; error: string }>([
    {
      refused: "no TOKEN_SECRET, naming the variable",
      env: {},
      error: "TOKEN_SECRET: required when NODE_ENV=production",
    },
    {
      refused: "an ADMIN_TOKEN under 32 characters",
      env: { TOKEN_SECRET: "production-secret-0123456789-abcdef", ADMIN_TOKEN: "change-me-please" },
      error: "ADMIN_TOKEN: must be at least 32 characters when NODE_ENV=production",
    },
  ])("refuses to start with NODE_ENV=production and $refused", async ({ env, error }) => {
    using db = tempDb();
    const { code, output } = await runMainToExit({
      NODE_ENV: "production",
      PORT: "0",
      DB_PATH: db.path,
      ...env,
    });
    expect(code).toBe(1);
    expect(output).toContain(error);
  });
});
