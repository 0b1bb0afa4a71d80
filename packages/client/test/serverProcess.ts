import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const serverDir = fileURLToPath(new URL("../../../apps/server", import.meta.url));

/** The real server as a child process (`src/main.ts` under tsx), so a test can SIGKILL or SIGSTOP it. */
export class ServerProcess {
  readonly #child: ChildProcess;
  #output = "";
  readonly exited: Promise<void>;

  private constructor(env: Record<string, string>) {
    // Node itself, not the tsx CLI wrapper, so signals reach the server directly.
    this.#child = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=duplex-source", "src/main.ts"],
      { cwd: serverDir, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: "pipe" },
    );
    this.#child.stdout?.on("data", (d: Buffer) => (this.#output += d.toString()));
    this.#child.stderr?.on("data", (d: Buffer) => (this.#output += d.toString()));
    this.exited = new Promise((resolve) => this.#child.once("exit", () => resolve()));
  }

  /** Starts the server and resolves once it prints that it listens. */
  static async start(env: Record<string, string>, timeoutMs = 20_000): Promise<ServerProcess> {
    const server = new ServerProcess(env);
    const deadline = Date.now() + timeoutMs;
    while (!server.#output.includes("listening on")) {
      if (server.#child.exitCode !== null || Date.now() > deadline) {
        server.signal("SIGKILL");
        throw new Error(`server did not start:\n${server.#output}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return server;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.signal("SIGCONT");
    this.signal("SIGKILL");
    await this.exited;
  }
}
