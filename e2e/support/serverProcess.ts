import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const serverMain = join(dirname(fileURLToPath(import.meta.url)), "../../apps/server/dist/main.js");

/**
 * A Duplex server in its own process, for tests that must kill and restart it. Same port and SQLite file
 * across restarts, so the page (served by that server) reconnects to where it came from.
 */
export class ServerProcess {
  readonly dbPath = join(mkdtempSync(join(tmpdir(), "duplex-e2e-proc-")), "duplex.db");
  #child: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.#child = spawn(process.execPath, [serverMain], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        DB_PATH: this.dbPath,
        LOG_LEVEL: "warn",
        TOKEN_SECRET: "e2e-secret-e2e-secret-e2e-secret",
        HEARTBEAT_MS: "2000",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await this.#waitUntilHealthy();
  }

  /** SIGKILL: no close frames, no graceful anything — what a crash looks like to clients. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  async #waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.url}/healthz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on ${this.port} did not become healthy`);
  }
}
