import { CloseCode, ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { expectErrorKeepsConnection } from "./helpers.js";
import { limitsWith } from "./support/limits.js";
import { testWorld } from "./support/testWorld.js";

// One table, both transports: a behaviour that holds over WebSocket must hold over SSE + POST.
describe.each(["websocket", "sse"] as const)("over %s", (transport) => {
  const via = { transport };

  it("welcomes a hello with a user and a token, and resumes the identity by token", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Ada" }, via);
    first.client.close();
    expect(first.welcome.user.name).toBe("Ada");
    const again = await world.hello({ token: first.welcome.token }, via);
    expect(again.welcome.user.id).toBe(first.welcome.user.id);
  });

  it("acks a send after it is stored and fans it out to the other peer, in order", async () => {
    await using world = await testWorld();
    const a = await world.hello({ name: "A" }, via);
    const b = await world.hello({ name: "B" }, via);
    await a.client.join("general");
    await b.client.join("general");
    for (let i = 1; i <= 5; i += 1) {
      a.client.send({ type: "send", room: "general", cid: `c${i}`, text: `m${i}` });
    }
    const acks = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => a.client.waitFor("ack", (m) => m.cid === `c${i}`)),
    );
    expect(acks.map((ack) => ack.seq)).toEqual([1, 2, 3, 4, 5]);
    await b.client.waitFor("message", (m) => m.text === "m5");
    const texts = b.client.received.flatMap((m) => (m.type === "message" ? [m.text] : []));
    expect(texts).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    // Idempotent by cid, as on every transport: a resent cid is acked with the same seq, stored once.
    a.client.send({ type: "send", room: "general", cid: "c3", text: "m3" });
    const again = await a.client.waitFor("ack", (m) => m.cid === "c3");
    expect(again.seq).toBe(3);
  });

  it("resumes after a reconnect with exactly the messages missed", async () => {
    await using world = await testWorld();
    const writer = await world.hello({ name: "W" }, via);
    await writer.client.join("general");
    const reader = await world.hello({ name: "R" }, via);
    const first = await reader.client.join("general");
    reader.client.close();
    await reader.client.closed;
    for (let i = 1; i <= 3; i += 1) {
      writer.client.send({ type: "send", room: "general", cid: `c${i}`, text: `m${i}` });
    }
    await writer.client.waitFor("ack", (m) => m.cid === "c3");
    const back = await world.hello({ token: reader.welcome.token }, via);
    const resumed = await back.client.join("general", { seq: first.seq, epoch: first.epoch });
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m) => m.text)).toEqual(["m1", "m2", "m3"]);
  });

  it("answers a send over the rate limit with rate_limited and its ref, and stays usable", async () => {
    await using world = await testWorld({
      config: { limits: limitsWith({ rate: { sendPerSecond: 1, sendBurst: 3 } }) },
    });
    const { client } = await world.hello({}, via);
    await client.join("general");
    for (let i = 0; i < 4; i += 1) {
      client.send({ type: "send", room: "general", cid: `c${i}`, text: "hi", ref: `r${i}` });
    }
    await expectErrorKeepsConnection(client, { code: ErrorCode.RateLimited, ref: "r3" });
  });

  it("answers a bad frame with its error code and keeps the connection", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({}, via);
    client.sendRaw("{not json");
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.BadJson });
    client.sendRaw('{"type":"no_such_type"}');
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.UnknownType });
    await client.roundTrip();
  });

  it("closes a link whose first frame is not a hello with 4400", async () => {
    await using world = await testWorld();
    const client = await world.connect(via);
    client.send({ type: "join", room: "general" });
    expect((await client.closed).code).toBe(CloseCode.BadHello);
  });
});

describe("mixed transports", () => {
  it("delivers between a WebSocket peer and an SSE peer, both ways", async () => {
    await using world = await testWorld();
    const ws = await world.hello({ name: "Socket" });
    const sse = await world.hello({ name: "Stream" }, { transport: "sse" });
    await ws.client.join("general");
    await sse.client.join("general");
    await ws.client.waitForPresence("join", sse.welcome.user.id);
    sse.client.send({ type: "send", room: "general", cid: "s1", text: "from sse" });
    await ws.client.waitFor("message", (m) => m.text === "from sse");
    ws.client.send({ type: "send", room: "general", cid: "w1", text: "from ws" });
    await sse.client.waitFor("message", (m) => m.text === "from ws");
  });
});
