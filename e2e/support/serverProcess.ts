import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
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
    const child = spawn(process.execPath, [serverMain], {
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        DB_PATH: this.dbPath,
        LOG_LEVEL: "warn",
        TOKEN_SECRET: "e2e-secret-e2e-secret-e2e-secret",
        HEARTBEAT_MS: "2000",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    this.#child = child;
    child.stdout.pipe(process.stdout);
    await this.#listening(child);
  }

  /** SIGKILL: no close frames, no graceful anything — what a crash looks like to clients. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  /**
   * Resolves when the server says it listens (it writes that line once its port is bound), rejects
   * at once if it exits first, and gives up after 30 s (a loaded 2-core machine starts slowly).
   */
  async #listening(child: ChildProcess & { stdout: NodeJS.ReadableStream }): Promise<void> {
    const signal = AbortSignal.timeout(30_000);
    let seen = "";
    const listening = new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        seen += chunk.toString("utf8");
        if (!seen.includes(`listening on ${this.url}`)) return;
        child.stdout.off("data", onData);
        resolve();
      };
      child.stdout.on("data", onData);
    });
    const exited = once(child, "exit", { signal }).then(([code]: unknown[]) => {
      throw new Error(`server on ${this.port} exited (code ${String(code)}) before listening`);
    });
    const timedOut = once(signal, "abort").then(() => {
      throw new Error(`server on ${this.port} did not listen within 30 s`);
    });
    try {
      await Promise.race([listening, exited, timedOut]);
    } finally {
      exited.catch(() => undefined);
      timedOut.catch(() => undefined);
    }
  }
}
