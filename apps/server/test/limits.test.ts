import { CloseCode, ErrorCode, SUBPROTOCOL, isRetryable } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULT_ABUSE_LIMITS, type AbuseLimits } from "../src/limits/limitsConfig.js";
import { refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

function limits(patch: {
  rate?: Partial<AbuseLimits["rate"]>;
  connections?: Partial<AbuseLimits["connections"]>;
}): AbuseLimits {
  const d = DEFAULT_ABUSE_LIMITS;
  return {
    ...d,
    rate: { ...d.rate, ...patch.rate },
    connections: { ...d.connections, ...patch.connections },
  };
}

describe("rate limits on inbound messages", () => {
  it("answers a send over the limit with rate_limited, retryAfterMs and its ref, and stays usable", async () => {
    await using world = await testWorld({
      config: { limits: limits({ rate: { sendPerSecond: 1, sendBurst: 3 } }) },
    });
    const { client } = await world.hello();
    await client.join("general");
    for (let i = 0; i < 4; i += 1) {
      client.send({ type: "send", room: "general", cid: `c${i}`, text: "hi", ref: `r${i}` });
    }
    const error = await client.waitFor("error");
    expect(error).toMatchObject({ code: ErrorCode.RateLimited, ref: "r3" });
    expect(error.retryAfterMs).toBeGreaterThan(0);
    expect(error.retryAfterMs).toBeLessThanOrEqual(1000);
    await Promise.all([0, 1, 2].map((i) => client.waitFor("ack", (a) => a.cid === `c${i}`)));
    // Pings draw on the looser frame bucket, so they still pass while sends are limited.
    await client.roundTrip();
  });

  it("closes a client that keeps flooding after rate_limited with 4429 (retryable with backoff)", async () => {
    await using world = await testWorld({
      config: { limits: limits({ rate: { framesPerSecond: 5, framesBurst: 10, maxStrikes: 20 } }) },
    });
    const { client } = await world.hello();
    let sent = 0;
    // Bounded: the close must come within maxStrikes refusals past the burst.
    while (client.ws.readyState === client.ws.OPEN && sent < 500) {
      client.send({ type: "ping", t: sent });
      sent += 1;
    }
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.RateLimited);
    expect(isRetryable(closed.code)).toBe(true);
    const limited = client.received.filter((m) => m.type === "error");
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.length).toBeLessThanOrEqual(20);
    expect(limited.every((m) => m.type === "error" && m.code === ErrorCode.RateLimited)).toBe(true);
  });

  it("limits one flooder without slowing a neighbour in the same room", async () => {
    await using world = await testWorld({
      config: { limits: limits({ rate: { sendPerSecond: 5, sendBurst: 5, maxStrikes: 30 } }) },
    });
    const flooder = await world.hello({ name: "Flood" });
    const neighbour = await world.hello({ name: "Calm" });
    await flooder.client.join("general");
    await neighbour.client.join("general");
    for (let i = 0; i < 100; i += 1) {
      flooder.client.send({ type: "send", room: "general", cid: `f${i}`, text: "spam" });
    }
    expect((await flooder.client.closed).code).toBe(CloseCode.RateLimited);
    neighbour.client.send({ type: "send", room: "general", cid: "calm", text: "hello" });
    await neighbour.client.waitFor("ack", (a) => a.cid === "calm");
    // Only the flooder's burst got through to the room.
    const spam = neighbour.client.received.filter((m) => m.type === "message" && m.text === "spam");
    expect(spam.length).toBeLessThanOrEqual(6);
  });
});

describe("per-address limits at the upgrade", () => {
  it("refuses connections past maxPerIp with HTTP 429 and admits again after one closes", async () => {
    await using world = await testWorld({
      config: { limits: limits({ connections: { maxPerIp: 2 } }) },
    });
    const a = await world.connect();
    using b = await world.connect();
    const refusal = await refusedUpgrade(world.server.url, [SUBPROTOCOL]);
    expect(refusal.status).toBe(429);
    expect(refusal.body).toContain("too many open connections");
    a.close();
    await a.closed;
    await expect
      .poll(async () => {
        try {
          using c = await world.connect();
          return c.ws.protocol;
        } catch {
          return "refused";
        }
      })
      .toBe(SUBPROTOCOL);
    expect(b.ws.protocol).toBe(SUBPROTOCOL);
  });

  it("refuses a handshake storm from one address with HTTP 429", async () => {
    await using world = await testWorld({
      config: { limits: limits({ connections: { handshakesPerSecond: 1, handshakeBurst: 5 } }) },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      // An unsupported subprotocol is refused by checkUpgrade after admission, still counting.
      statuses.push((await refusedUpgrade(world.server.url, ["nope"])).status);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(400));
    expect(statuses.slice(5)).toEqual(Array(3).fill(429));
  });
});
