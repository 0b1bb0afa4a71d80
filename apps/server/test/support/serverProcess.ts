import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** The server's own command line (`pnpm start` from source), for running it under another tool. */
export const SERVER_COMMAND = [
  process.execPath,
  "--import",
  "tsx",
  "--conditions=duplex-source",
  "src/main.ts",
];

/** A server started from `src/main.ts` in a process of its own (optionally under a wrapper like strace). */
export interface ServerProcess {
  child: ChildProcess;
  /** The WebSocket URL once it listens; rejects if it exits first (with its output). */
  url: Promise<string>;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** The server's own pid (the wrapper's child when wrapped). */
  serverPid(): number;
}

/** Starts the server with `env` added to this process's environment, behind `wrapper` if given. */
export function spawnServer(env: Record<string, string>, wrapper: string[] = []): ServerProcess {
  const [file, ...args] = [...wrapper, ...SERVER_COMMAND] as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: packageDir,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: "pipe",
  });
  let output = "";
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal)),
  );
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      const found = /WebSocket (ws:\/\/\S+)\)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => reject(new Error(`server exited ${code}: ${output}`)));
  });
  url.catch(() => undefined);
  const serverPid = () => {
    if (wrapper.length === 0) return child.pid ?? -1;
    const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim();
    return Number(children.split(/\s+/)[0]);
  };
  return { child, url, exited, output: () => output, serverPid };
}
