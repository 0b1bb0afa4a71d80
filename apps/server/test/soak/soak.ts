import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { TEST_SECRET, TestClient } from "../helpers.js";
import { spawnServer } from "../support/serverProcess.js";

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** How long clients churn. */
  durationMs: number;
  /** Clients connected at any time (each leaves after a few sends and is replaced). */
  clients: number;
  /** Rooms the clients spread over. @default 20 */
  rooms?: number;
  /** Mean pause between one client's sends. @default 1000 */
  sendEveryMs?: number;
  /** Progress lines (once every `progressEveryMs`). */
  log?: (line: string) => void;
  /** @default 10000 */
  progressEveryMs?: number;
}

/** What a soak measured; `problems` is empty when every check held. */
export interface SoakReport {
  durationMs: number;
  sessions: number;
  politeCloses: number;
  droppedTcp: number;
  acks: number;
  /** Server RSS in MiB: before clients, after warm-up (median of 20-30 % of the run), at the end (last 10 %), peak. */
  rssMb: { baseline: number; warm: number; end: number; peak: number };
  /** Server open file descriptors before the clients and once they are all gone. */
  fds: { baseline: number; end: number };
  /** Rows in the database, and how many acked messages were missing or stored twice. */
  stored: { rows: number; missing: number; duplicated: number; seqGaps: number };
  errors: string[];
  problems: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kb: number) => Math.round(kb / 1024);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}
const fdTargets = (pid: number) =>
  readdirSync(`/proc/${pid}/fd`).map((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      return "gone";
    }
  });
const fdCount = (pid: number) => fdTargets(pid).length;

interface Ack {
  room: string;
  cid: string;
  seq: number;
}

/**
 * A soak of the real server in its own process: `clients` clients at a time connect, join one of
 * `rooms` rooms, send a few messages (each after the previous ack) and leave — half politely (close
 * frame), half by dropping TCP — and are replaced at once, for `durationMs`. Then checks: no error
 * reached a client, the server's RSS after warm-up stays flat, its open fds return to the baseline,
 * and every acked message is stored exactly once with gap-free seqs.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { durationMs, clients, rooms = 20, sendEveryMs = 1000, log = () => {} } = options;
  const dir = mkdtempSync(join(tmpdir(), "duplex-soak-"));
  const dbPath = join(dir, "duplex.db");
  const server = spawnServer({
    DB_PATH: dbPath,
    PORT: "0",
    TOKEN_SECRET: TEST_SECRET,
    ABUSE_LIMITS: "off",
    LOG_LEVEL: "error",
  });
  const errors: string[] = [];
  const acks: Ack[] = [];
  const counts = { sessions: 0, politeCloses: 0, droppedTcp: 0 };
  const samples: { at: number; kb: number }[] = [];
  try {
    const url = await server.url;
    const pid = server.serverPid();
    // One client first, so files and threads opened on first use (the database's log, the checkpoint
    // worker) are part of the baseline.
    const { client: first } = await TestClient.hello(url, { name: "warmup" });
    await first.join("soak-0");
    first.send({ type: "send", room: "soak-0", cid: "warmup", text: "warm-up" });
    acks.push({ room: "soak-0", cid: "warmup", seq: (await first.waitFor("ack")).seq });
    first.ws.close(1000);
    await first.closed;
    await sleep(500);
    const baselineTargets = fdTargets(pid);
    const baselineFds = baselineTargets.length;
    const baselineKb = rssKb(pid);
    const started = Date.now();
    const deadline = started + durationMs;
    const sampler = setInterval(() => {
      samples.push({ at: Date.now() - started, kb: rssKb(pid) });
    }, 1000);
    let lastProgress = started;
    const progress = setInterval(() => {
      const kb = samples.at(-1)?.kb ?? 0;
      log(
        `${Math.round((Date.now() - started) / 1000)} s: ${counts.sessions} sessions, ${acks.length} acks, ` +
          `RSS ${mib(kb)} MiB, ${fdCount(pid)} fds, ${errors.length} errors`,
      );
      lastProgress = Date.now();
    }, options.progressEveryMs ?? 10_000);
    let serial = 0;
    const session = async () => {
      const n = ++serial;
      counts.sessions++;
      const room = `soak-${Math.floor(Math.random() * rooms)}`;
      const { client } = await TestClient.hello(url, { name: `soak${n}` });
      try {
        await client.join(room);
        const sends = 1 + Math.floor(Math.random() * 6);
        for (let i = 0; i < sends && Date.now() < deadline; i++) {
          const cid = `s${n}-${i}`;
          client.send({ type: "send", room, cid, text: `soak ${n} ${i}`, ref: cid });
          const ack = await client.waitFor("ack", (a) => a.cid === cid, 10_000);
          acks.push({ room, cid, seq: ack.seq });
          await sleep(Math.random() * 2 * sendEveryMs);
        }
        const failures = client.received.filter((m) => m.type === "error");
        for (const e of failures) errors.push(`session ${n}: ${JSON.stringify(e)}`);
      } finally {
        if (Math.random() < 0.5) {
          counts.politeCloses++;
          client.ws.close(1000);
          const closed = await Promise.race([client.closed, sleep(5_000).then(() => undefined)]);
          if (closed === undefined) errors.push(`session ${n}: no close handshake within 5 s`);
          else if (closed.code !== 1000) errors.push(`session ${n}: closed ${closed.code}`);
        } else {
          counts.droppedTcp++;
          client.ws.terminate();
        }
      }
    };
    const loop = async () => {
      while (Date.now() < deadline) {
        try {
          await session();
        } catch (err) {
          errors.push(err instanceof Error ? err.message : String(err));
        }
      }
    };
    // Staggered start, so connects do not all land in the first second.
    await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        sleep((i * Math.min(durationMs / 4, 5_000)) / clients).then(loop),
      ),
    );
    clearInterval(sampler);
    clearInterval(progress);
    void lastProgress;

    // Every socket is gone: the server's descriptors return to where they were.
    let endFds = fdCount(pid);
    for (let i = 0; i < 100 && endFds > baselineFds; i++) {
      await sleep(100);
      endFds = fdCount(pid);
    }

    const db = new Database(dbPath, { readonly: true });
    const rows = db
      .prepare<[], { room: string; seq: number; cid: string }>(
        `SELECT room, seq, cid FROM messages ORDER BY room, seq`,
      )
      .all();
    db.close();
    const stored = new Map<string, number>();
    for (const r of rows) stored.set(r.cid, (stored.get(r.cid) ?? 0) + 1);
    const missing = acks.filter((a) => !stored.has(a.cid)).length;
    const duplicated = [...stored.values()].filter((c) => c > 1).length;
    let seqGaps = 0;
    let previous: { room: string; seq: number } | undefined;
    for (const r of rows) {
      const expected = previous?.room === r.room ? previous.seq + 1 : 1;
      if (r.seq !== expected) seqGaps++;
      previous = r;
    }

    const inWindow = (from: number, to: number) =>
      samples.filter((s) => s.at >= from * durationMs && s.at <= to * durationMs).map((s) => s.kb);
    const warmKb = median(inWindow(0.2, 0.3));
    const endKb = median(inWindow(0.9, 1.01));
    const peakKb = Math.max(baselineKb, ...samples.map((s) => s.kb));
    const report: SoakReport = {
      durationMs,
      ...counts,
      acks: acks.length,
      rssMb: { baseline: mib(baselineKb), warm: mib(warmKb), end: mib(endKb), peak: mib(peakKb) },
      fds: { baseline: baselineFds, end: endFds },
      stored: { rows: rows.length, missing, duplicated, seqGaps },
      errors,
      problems: [],
    };
    if (errors.length > 0) report.problems.push(`${errors.length} errors, first: ${errors[0]}`);
    if (endFds > baselineFds) {
      const extra = fdTargets(pid).filter((t) => !baselineTargets.includes(t));
      report.problems.push(`fds ${baselineFds} → ${endFds} (new: ${extra.join(", ")})`);
    }
    if (missing + duplicated + seqGaps > 0 || rows.length !== acks.length) {
      report.problems.push(
        `stored ${rows.length} rows for ${acks.length} acks: ${missing} missing, ${duplicated} twice, ${seqGaps} seq gaps`,
      );
    }
    // Flat: the end of the run within 15 % (at least 16 MiB) of the level after warm-up.
    const allowedKb = Math.max(16 * 1024, warmKb * 0.15);
    if (warmKb > 0 && endKb - warmKb > allowedKb) {
      report.problems.push(`RSS grew from ${mib(warmKb)} MiB after warm-up to ${mib(endKb)} MiB`);
    }
    return report;
  } finally {
    if (server.child.exitCode === null) server.child.kill("SIGTERM");
    const code = await server.exited;
    if (code !== 0 && code !== "SIGTERM") errors.push(`server exited with ${code}`);
    rmSync(dir, { recursive: true, force: true });
  }
}
