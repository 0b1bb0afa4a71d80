import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** What one background checkpoint did, as SQLite's `wal_checkpoint` reports it (frames). */
export interface CheckpointReport {
  /** Frames in the WAL when the checkpoint ran. */
  log: number;
  /** Frames copied back into the database file (all of `log` unless a reader held some back). */
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** How often the worker looks for new commits. @default 200 */
  intervalMs?: number;
  onCheckpoint?: (report: CheckpointReport) => void;
  /** The worker failed or exited on its own; the caller should checkpoint on its own thread again. */
  onFailure?: (err: Error) => void;
}

// Plain CommonJS run with `eval`, so it needs no build step and no loader in dev, tests or production.
// `data_version` changes only when another connection committed: an idle server checkpoints nothing.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
let seen = -1;
const tick = () => {
  try {
    const version = db.pragma("data_version", { simple: true });
    if (version === seen) return;
    const [report] = db.pragma("wal_checkpoint(PASSIVE)");
    seen = version;
    parentPort.postMessage({ log: report.log, checkpointed: report.checkpointed });
  } catch {
    // A full disk or a lock fails this checkpoint, not the worker: the next tick tries again.
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies the WAL back into the
 * database file and fsyncs both: ~3 ms on this machine every ~250 messages when SQLite runs it inside
 * a commit, a stall every message queued behind it waits out (it was most of the p99 at
 * moderate fan-out rates). A second connection on a worker thread runs PASSIVE checkpoints, which
 * never block the writer; the main connection keeps a much higher auto-checkpoint as a safety net.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  #stopped = false;

  constructor(path: string, options: WalCheckpointerOptions = {}) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // No `--import tsx` or source conditions: the worker's code is plain JS.
      execArgv: [],
      workerData: { driver, path, intervalMs: options.intervalMs ?? 200 },
    });
    // A background helper must not keep the process alive.
    this.#worker.unref();
    this.#worker.on("message", (report: CheckpointReport) => options.onCheckpoint?.(report));
    this.#worker.on("error", (err) => {
      if (!this.#stopped) options.onFailure?.(err);
    });
    this.#worker.on("exit", (code) => {
      if (!this.#stopped) options.onFailure?.(new Error(`checkpoint worker exited with ${code}`));
    });
  }

  /** Stops the worker after any checkpoint in progress; resolves when its connection is closed. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    const exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.#worker.postMessage("stop");
    // A wedged worker (busy_timeout waiting on a lock) is cut off rather than holding up shutdown.
    const timer = setTimeout(() => void this.#worker.terminate(), 2_000);
    await exited;
    clearTimeout(timer);
  }
}
