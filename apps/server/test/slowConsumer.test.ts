import type { Socket } from "node:net";
import { CloseCode, LIMITS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { LIMITS_OFF } from "../src/limits/limitsConfig.js";
import type { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

const ROOM = "busy";
const FLOOD_MESSAGES = 5_000;
const FLOOD_BATCH = 250;
const PROBES = 150;
const MAX_PROBES = 20_000;
const TEXT = "x".repeat(LIMITS.maxTextLength);

/** The TCP socket under a ws client; pausing it stops reading, as a stalled browser tab would. */
function rawSocket(client: TestClient): Socket {
  return (client.ws as unknown as { _socket: Socket })._socket;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(latencies: number[]): string {
  const s = [...latencies].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms (n=${s.length})`;
}

/**
 * Sends messages one after another, `count` of them or until `until()` (at most MAX_PROBES); each
 * latency is send → its own broadcast back.
 */
async function probe(
  client: TestClient,
  tag: string,
  count: number,
  until: () => boolean = () => false,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < Math.min(count, MAX_PROBES) && !until(); i += 1) {
    const cid = `${tag}${i}`;
    const started = performance.now();
    client.send({ type: "send", room: ROOM, cid, text: "probe" });
    await client.waitFor("message", (m) => m.cid === cid, 15_000);
    latencies.push(performance.now() - started);
  }
  return latencies;
}

/** Floods the room in acked batches, so the flooder's own socket does not buffer without bound. */
async function flood(client: TestClient, tag: string): Promise<void> {
  for (let sent = 0; sent < FLOOD_MESSAGES;) {
    for (let i = 0; i < FLOOD_BATCH; i += 1, sent += 1) {
      client.send({ type: "send", room: ROOM, cid: `${tag}${sent}`, text: TEXT });
    }
    await client.waitFor("ack", (a) => a.cid === `${tag}${sent - 1}`, 15_000);
  }
}

/** Floods with `flooder` and probes with `normal` for as long as the flood lasts. */
async function probeDuringFlood(normal: TestClient, flooder: TestClient, tag: string) {
  let flooding = true;
  const flooded = flood(flooder, `${tag}f`).finally(() => (flooding = false));
  const latencies = await probe(normal, `${tag}p`, MAX_PROBES, () => !flooding);
  await flooded;
  return latencies;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

describe("slow consumers", () => {
  it("closes a reader that stopped reading with 1013 while the others keep their pace", async () => {
    const maxBufferedBytes = 1024 * 1024;
    await using world = await testWorld({
      // Rate limits off: this test is about a busy room, not about the flooder's own limit.
      config: { limits: { ...LIMITS_OFF, maxBufferedBytes } },
    });
    const normal = await world.hello({ name: "Normal" });
    await normal.client.join(ROOM);
    const baseline = await probe(normal.client, "warm", PROBES);

    const flooder = await world.hello({ name: "Flooder" });
    await flooder.client.join(ROOM);
    const floodOnly = await probeDuringFlood(normal.client, flooder.client, "a");

    const slow = await world.hello({ name: "Slow" });
    await slow.client.join(ROOM);
    rawSocket(slow.client).pause();
    const slowLeft = normal.client.waitForPresence("leave", slow.welcome.user.id, 30_000);
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }, 50);
    const withSlowReader = await probeDuringFlood(normal.client, flooder.client, "b");
    await slowLeft; // the server dropped the slow reader (its last socket) while the room was busy
    clearInterval(sampler);

    rawSocket(slow.client).resume();
    const closed = await slow.client.closed;
    // 1013 if the close frame got through the backlog within the grace; 1006 if it was cut off.
    expect([CloseCode.TryAgainLater, 1006]).toContain(closed.code);
    const slowGot = slow.client.received.filter((m) => m.type === "message").length;
    expect(slowGot).toBeLessThan(FLOOD_MESSAGES);
    // The normal client saw every message of the room, in order.
    const seen = normal.client.received.filter(
      (m) => m.type === "message" && m.cid.startsWith("bf"),
    );
    expect(seen).toHaveLength(FLOOD_MESSAGES);

    console.log(
      `[slow consumer] normal client send→own broadcast: alone ${summary(baseline)}; ` +
        `with a flooder (${FLOOD_MESSAGES} × ${TEXT.length} chars) ${summary(floodOnly)}; ` +
        `with the flooder and a paused reader ${summary(withSlowReader)}; ` +
        `slow reader got ${slowGot} before close ${closed.code}; ` +
        `RSS ${mib(rssBefore)} → peak ${mib(rssPeak)} (limit per socket ${mib(maxBufferedBytes)})`,
    );
  }, 60_000);
});
