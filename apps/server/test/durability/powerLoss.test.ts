import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEST_SECRET, TestClient, tempDb } from "../helpers.js";
import { spawnServer } from "../support/serverProcess.js";
import { sendMany } from "../cluster/invariants.js";

const MESSAGES = 100;

function requireStrace(): void {
  // Required, never skipped: `bash scripts/test-all.sh` installs it.
  if (spawnSync("strace", ["-V"], { stdio: "ignore" }).status !== 0) {
    throw new Error("strace is not installed (bash scripts/test-all.sh installs it)");
  }
}

/**
 * Runs the server under strace, sends {@link MESSAGES} messages one at a time (each after the
 * previous ack), and counts the fsync/fdatasync calls on the database's write-ahead log.
 */
async function walSyncsPerAcks(durability: "power" | "process" | undefined) {
  using db = tempDb();
  const trace = join(db.path, "..", "strace.out");
  const server = spawnServer(
    {
      DB_PATH: db.path,
      PORT: "0",
      TOKEN_SECRET: TEST_SECRET,
      ABUSE_LIMITS: "off",
      ...(durability !== undefined && { DURABILITY: durability }),
    },
    // -f: SQLite's checkpoint worker is a thread; -y: name each fd's file; seccomp: trace only these.
    [
      "strace",
      "-f",
      "-qq",
      "--seccomp-bpf",
      "-e",
      "trace=fsync,fdatasync",
      "-e",
      "signal=none",
    ].concat(["-y", "-o", trace]),
  );
  try {
    const { client } = await TestClient.hello(await server.url, { name: "Ada" });
    await client.join("general");
    const walSyncs = () =>
      readFileSync(trace, "utf8")
        .split("\n")
        .filter((line) => line.includes("duplex.db-wal>")).length;
    const before = walSyncs();
    const acks = await sendMany(client, "general", "p", MESSAGES);
    const syncs = walSyncs() - before;
    client.close();
    return { acks: acks.length, syncs };
  } finally {
    process.kill(server.serverPid(), "SIGTERM");
    await server.exited;
  }
}

describe("an ack survives power loss", () => {
  it(`syncs the write-ahead log at least once per acked commit (${MESSAGES} sends, one at a time)`, async () => {
    requireStrace();
    const { acks, syncs } = await walSyncsPerAcks(undefined);
    console.info(`DURABILITY=power: ${syncs} WAL syncs for ${acks} acks`);
    expect(acks).toBe(MESSAGES);
    expect(syncs).toBeGreaterThanOrEqual(MESSAGES);
  }, 30_000);

  it("DURABILITY=process syncs the log only at checkpoints: fewer syncs than acks (the weaker promise)", async () => {
    requireStrace();
    const { acks, syncs } = await walSyncsPerAcks("process");
    console.info(`DURABILITY=process: ${syncs} WAL syncs for ${acks} acks`);
    expect(acks).toBe(MESSAGES);
    expect(syncs).toBeLessThan(MESSAGES);
  }, 30_000);
});
