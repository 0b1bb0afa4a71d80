import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDb } from "../helpers.js";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

describe("REDIS_URL at start-up", () => {
  it("exits 1 with an error naming REDIS_URL (password hidden) when Redis is unreachable", async () => {
    using db = tempDb();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=duplex-source", "src/main.ts"],
      {
        cwd: packageDir,
        env: {
          ...process.env,
          LOG_LEVEL: "silent",
          PORT: "0",
          DB_PATH: db.path,
          REDIS_URL: "redis://:sekrit@127.0.0.1:1",
        },
        stdio: "pipe",
      },
    );
    let output = "";
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("REDIS_URL: cannot reach redis://***@127.0.0.1:1");
    expect(output).not.toContain("sekrit");
  });
});
