import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const ADMIN_TOKEN = "cli-admin-token-123";

/** Runs `src/bin/notify.ts` as `pnpm notify` does; resolves with its exit code and output. */
function notify(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=duplex-source", "src/bin/notify.ts", ...args],
    { cwd: packageDir, env: { ...process.env, ...env }, stdio: "pipe" },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

describe("the notify CLI (src/bin/notify.ts)", () => {
  it("posts to the server, prints the 202 answer, and the user gets the notification", async () => {
    await using world = await testWorld({ config: { adminToken: ADMIN_TOKEN } });
    const { client } = await world.hello({ name: "Ann Lee" });

    const run = await notify(
      [
        "--to",
        "user:ann lee",
        "--level",
        "success",
        "--url",
        world.server.httpUrl,
        "Deploy finished",
        "v42",
      ],
      { ADMIN_TOKEN },
    );
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { id: string; recipients: number };
    expect(answer.recipients).toBe(1);
    expect((await client.waitFor("notification")).notification).toMatchObject({
      id: answer.id,
      title: "Deploy finished",
      body: "v42",
      level: "success",
    });
  });

  it("prints the server's error and exits 1 on a wrong token", async () => {
    await using world = await testWorld({ config: { adminToken: ADMIN_TOKEN } });
    const run = await notify(["--to", "all", "--url", world.server.httpUrl, "Hi"], {
      ADMIN_TOKEN: "wrong-token-0000",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/401/);
  });

  it("exits 2 with the usage on a bad command line", async () => {
    const run = await notify(["Hi"], { ADMIN_TOKEN });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--to is required/);
  });
});
