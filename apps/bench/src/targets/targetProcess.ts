import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";

// `--import tsx` resolves from the working directory: always the bench package, wherever pnpm ran.
const BENCH_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** A target server running in its own process, pinned to its own core. */
export interface RunningTarget {
  pid: number;
  port: number;
  /** A target of several server processes (a cluster): all their pids, CPU summed over them. */
  pids?: readonly number[];
  /** …and the port of each; clients alternate between them by seat index. */
  ports?: readonly number[];
  stop(): Promise<void>;
}

/** One server port, or several that clients alternate between. */
export type Ports = number | readonly number[];

/** How to launch one target. */
export interface LaunchOptions {
  /** Absolute path of the entry point: TypeScript (run with tsx) or compiled JavaScript (`.js`). */
  entry: string;
  env?: Readonly<Record<string, string>>;
  /** `stdout`: the process prints `LISTENING <port>`; `healthz`: poll `GET /healthz` on `port`. */
  readiness: "stdout" | "healthz";
  /** Port to use when readiness is `healthz` (the process cannot report its own). */
  port?: number;
  /** CPU the server is pinned to with `taskset`. @default 0 */
  core?: number;
  /** Extra Node flags, e.g. `--cpu-prof`. @default [] */
  nodeArgs?: readonly string[];
}

const START_TIMEOUT_MS = 30_000;

/**
 * Starts `node [--conditions=duplex-source --import tsx] <entry>` under `taskset -c <core>` (the
 * loader only for a `.ts` entry). taskset execs
 * node, so the child's pid is the server's own and /proc/<pid>/stat measures exactly it.
 */
export async function launchTarget(options: LaunchOptions): Promise<RunningTarget> {
  const { entry, env = {}, readiness, core = 0, nodeArgs = [] } = options;
  // Compiled JS runs as deployed: workspace packages from their dist, no loader in the process.
  const loader = entry.endsWith(".ts") ? ["--conditions=duplex-source", "--import", "tsx"] : [];
  const child = spawn(
    "taskset",
    ["-c", String(core), process.execPath, ...nodeArgs, ...loader, entry],
    { cwd: BENCH_DIR, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const port =
    readiness === "stdout" ? await portFromStdout(child) : await healthy(options.port ?? 0, child);
  if (child.pid === undefined) throw new Error(`target ${entry} did not start: ${stderr}`);
  return { pid: child.pid, port, stop: () => stopChild(child) };

  function portFromStdout(proc: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${entry} did not listen`)),
        START_TIMEOUT_MS,
      );
      let out = "";
      proc.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const match = /LISTENING (\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      proc.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${entry} exited with ${code}: ${stderr}`));
      });
    });
  }

  async function healthy(p: number, proc: ChildProcess): Promise<number> {
    proc.stdout?.resume();
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null)
        throw new Error(`${entry} exited with ${proc.exitCode}: ${stderr}`);
      if (await probeHealth(p)) return p;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${entry} was not healthy within ${START_TIMEOUT_MS} ms: ${stderr}`);
  }
}

function probeHealth(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/healthz", timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // Generous: a node started with `--cpu-prof` writes its profile on the way out, and a cluster
    // node first closes its Postgres and Redis clients; killed sooner, neither profile is written.
    const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
