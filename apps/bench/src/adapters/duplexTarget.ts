import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Capability, SUBPROTOCOL, WS_PATH, encode } from "@duplex/protocol";
import { allocatorEnv } from "../../../server/src/bin/allocator.js";
import { freePort } from "../../../server/src/bin/cluster/services.js";
import { launchTarget } from "../targets/targetProcess.js";
import { nodeCounters } from "./nodeMetrics.js";
import type { RawClient } from "../wire/rawClient.js";
import type { Target } from "./target.js";

/**
 * The Duplex server's compiled CLI entry, run as `pnpm start` runs it. From source under tsx every
 * named function also carries esbuild's `__name` property: ~0.3 KiB more per idle socket, which is
 * the loader's cost, not Duplex's. `pnpm bench` builds the server first.
 */
export const DUPLEX_ENTRY = fileURLToPath(new URL("../../../server/dist/main.js", import.meta.url));

let cidCounter = 0;

const isType = (type: string) => (text: string) =>
  text.includes(`"type":"${type}"`) || text.includes(`"type":"error"`);

async function expectReply(client: RawClient, type: string): Promise<string> {
  const text = await client.waitFor(isType(type));
  if (!text.includes(`"type":"${type}"`)) throw new Error(`expected ${type}, got ${text}`);
  return text;
}

/** The environment every Duplex node of the bench runs with, single or in the cluster. */
export function benchNodeEnv(port: number): Record<string, string> {
  return {
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "error",
    TOKEN_SECRET: "duplex-bench-secret-not-for-production",
    // Every bench client comes from 127.0.0.1: per-address connection and rate limits would
    // measure the limiter, not the server. The baselines have none either.
    ABUSE_LIMITS: "off",
    // The malloc `pnpm start` gives the server (jemalloc when the machine has it).
    ...allocatorEnv(),
  };
}

/** Whether the Duplex server is built in this checkout. */
export function duplexAvailable(): boolean {
  return existsSync(DUPLEX_ENTRY);
}

/**
 * Duplex over the full path: subprotocol `duplex.v1`, `hello` → `welcome`, `join` → `joined`, and
 * `send` → persisted to SQLite (a fresh temp file per start) → ack + fan-out. No Origin header is sent,
 * as a non-browser client would not send one. Abuse limits are off (`ABUSE_LIMITS=off`). Clients ask
 * for `caps` in `hello`.
 */
export function duplexTargetWith(
  caps: readonly Capability[],
  env: Readonly<Record<string, string>> = {},
  /** Seat index → the token its last `welcome` gave, so a seat comes back as the same user. */
  tokens?: Map<number, string>,
  /** Another build's entry (`--duplex-base`), run under the name `duplex-base`. */
  entry: string = DUPLEX_ENTRY,
): Target {
  const name = entry === DUPLEX_ENTRY ? "duplex" : "duplex-base";
  return {
    name,
    start: async (nodeArgs = []) => {
      tokens?.clear(); // a fresh database knows none of them
      const dir = mkdtempSync(join(tmpdir(), "duplex-bench-"));
      const port = await freePort();
      const running = await launchTarget({
        entry,
        readiness: "healthz",
        port,
        nodeArgs,
        env: { ...benchNodeEnv(port), DB_PATH: join(dir, "bench.db"), ...env },
      });
      return {
        ...running,
        stop: async () => {
          // The sequencer's counters over the run: gap fills are store reads the publish order caused.
          const counters = await nodeCounters(port);
          if (Object.keys(counters).length > 0)
            console.log(`${name} counters: ${JSON.stringify(counters)}`);
          await running.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    connectPath: () => WS_PATH,
    headers: { "Sec-WebSocket-Protocol": SUBPROTOCOL },
    ready: async (client, room, index) => {
      const token = tokens?.get(index);
      client.send(
        encode({
          type: "hello",
          name: `bench${index}`,
          // Builds from before capabilities refuse a hello with fields they do not know.
          ...(caps.length > 0 && { caps: [...caps] }),
          ...(token !== undefined && { token }),
        }),
      );
      const welcome = await expectReply(client, "welcome");
      if (tokens) tokens.set(index, (JSON.parse(welcome) as { token: string }).token);
      client.send(encode({ type: "join", room }));
      await expectReply(client, "joined");
      client.ready();
    },
    sendPayload: (room, text) => encode({ type: "send", room, cid: `c${++cidCounter}`, text }),
    maxSendRatePerClient: Number.POSITIVE_INFINITY,
  };
}

/**
 * As the web app asks: batched presence, so a storm of joins is not one frame per join per member, and
 * member pages, so a big room's fill is O(N) bytes (one page and a count per joiner, no per-join news).
 */
export const duplexTarget: Target = duplexTargetWith([
  Capability.PresenceDiff,
  Capability.MemberPages,
]);

// f's Duplex environment (see duplexBigRoomTarget).
const BIG_ROOM_ENV = {
  // The slowloris guard (a request head within 10 s of the accept, on even with ABUSE_LIMITS=off)
  // reset ~1,100 of a 10,000 storm on a busy shared machine: heads that were sent whole but sat
  // unread behind the storm. The bench's heads are never slow, so the guard would be measured, not
  // the room; the raw ws floor has no such guard either. Likewise the hello timer (5 s from the
  // upgrade until `welcome` is sent): in a 10,000 storm on a starved core it closed ~4,000 clients
  // whose `hello` had arrived at once but waited behind the others' (Connection closed).
  DURABILITY: "process",
  HEADERS_TIMEOUT_MS: "60000",
  HELLO_TIMEOUT_MS: "60000",
};

/**
 * Scenario f's Duplex: users come back with their tokens (signed up in an untimed first pass), as a
 * company's users do after a deploy, and `DURABILITY=process`. A guest `hello` commits a user and a
 * session row; on this shared machine's contended disk those syncs (~3 ms each, on the event loop)
 * set the pace of any storm of *new* users — the sign-up path's cost, not the room's. f measures the room.
 */
export const duplexBigRoomTarget: Target = duplexBigRoomTargetFrom();

/** f's Duplex as above, from another build (`--duplex-base`) whose clients ask for `caps`. */
export function duplexBigRoomTargetFrom(
  entry: string = DUPLEX_ENTRY,
  caps: readonly Capability[] = [Capability.PresenceDiff, Capability.MemberPages],
): Target {
  return duplexTargetWith(caps, BIG_ROOM_ENV, new Map(), entry);
}

/** f's clients of before member pages: every joiner gets every member, every member every join. */
export const duplexPresenceOnlyTarget: Target = duplexTargetWith(
  [Capability.PresenceDiff],
  BIG_ROOM_ENV,
  new Map(),
);

/**
 * The same Duplex target run from another build, e.g. a `git worktree` of an older commit built with
 * `pnpm build`: `--duplex-base=<that checkout>/apps/server` compares the two side by side in one run.
 * `caps` are the capabilities its clients ask for (`--duplex-base-caps`): none for a build from before
 * capabilities existed (540ff43 closes a hello that carries them with 4400).
 */
export function duplexBaseTarget(serverDir: string, caps: readonly Capability[]): Target {
  return duplexTargetWith(caps, {}, undefined, join(serverDir, "dist", "main.js"));
}
