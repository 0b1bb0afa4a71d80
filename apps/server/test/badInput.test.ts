import { CloseCode, ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";

const cases: { name: string; frame: string; code: ErrorCode; ref?: string }[] = [
  { name: "invalid JSON", frame: "{not json", code: ErrorCode.BadJson },
  { name: "a JSON array", frame: "[1,2]", code: ErrorCode.InvalidMessage },
  { name: "a JSON string", frame: '"hello"', code: ErrorCode.InvalidMessage },
  { name: "no type", frame: '{"room":"general"}', code: ErrorCode.InvalidMessage },
  {
    name: "an unknown type",
    frame: '{"type":"shout","ref":"u1"}',
    code: ErrorCode.UnknownType,
    ref: "u1",
  },
  {
    name: "a missing field",
    frame: '{"type":"send","room":"general","cid":"c","ref":"m1"}',
    code: ErrorCode.InvalidMessage,
    ref: "m1",
  },
  {
    name: "a field of the wrong type",
    frame: '{"type":"join","room":42}',
    code: ErrorCode.InvalidMessage,
  },
  {
    name: "an unknown field beside a bad known one ([C1]: the unknown one is ignored, the bad one is not)",
    frame: '{"type":"join","room":42,"extra":true,"ref":"x1"}',
    code: ErrorCode.InvalidMessage,
    ref: "x1",
  },
  {
    name: "text over 4000 characters",
    frame: JSON.stringify({
      type: "send",
      room: "general",
      cid: "big",
      text: "x".repeat(4001),
      ref: "t1",
    }),
    code: ErrorCode.TooLarge,
    ref: "t1",
  },
  {
    name: "an empty room name",
    frame: '{"type":"join","room":"  "}',
    code: ErrorCode.InvalidMessage,
  },
  {
    name: "a room name with a control character",
    frame: '{"type":"join","room":"a\\u0007b"}',
    code: ErrorCode.InvalidMessage,
  },
  {
    name: "a room name over 32 characters",
    frame: JSON.stringify({ type: "join", room: "r".repeat(33) }),
    code: ErrorCode.InvalidMessage,
  },
  {
    name: "an edit of an unknown message",
    frame: JSON.stringify({ type: "edit", room: "general", id: "m_1", text: "x", ref: "e1" }),
    code: ErrorCode.NotFound,
    ref: "e1",
  },
  {
    name: "mark_read with neither ids nor all",
    frame: '{"type":"mark_read","ref":"mr"}',
    code: ErrorCode.InvalidMessage,
    ref: "mr",
  },
];

describe("bad input gets its error and the connection stays usable", () => {
  it.each(cases)("$name → $code", async ({ frame, code, ref }) => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Alice" });
    await client.join("general");
    client.sendRaw(frame);
    const error = await client.waitFor("error");
    expect(error.code).toBe(code);
    expect(error.ref).toBe(ref);
    await client.roundTrip();
  });

  it("answers edit and delete in a room not joined with not_joined", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    client.send({ type: "delete", room: "general", id: "m_1", ref: "d" });
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.NotJoined, ref: "d" });
    client.send({ type: "edit", room: "general", id: "m_1", text: "x", ref: "e" });
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.NotJoined, ref: "e" });
  });

  it("answers send, typing and leave in a room not joined with not_joined", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    client.send({ type: "send", room: "general", cid: "c", text: "hi", ref: "s" });
    expect(await client.waitFor("error")).toMatchObject({ code: ErrorCode.NotJoined, ref: "s" });
    client.send({ type: "typing", room: "general" });
    expect((await client.waitFor("error")).code).toBe(ErrorCode.NotJoined);
    client.send({ type: "leave", room: "general" });
    expect((await client.waitFor("error")).code).toBe(ErrorCode.NotJoined);
    await client.roundTrip();
  });

  it("closes with 1003 on a binary frame", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect((await client.closed).code).toBe(CloseCode.UnsupportedData);
  });

  it("closes a 100 KiB frame with 1009 and keeps serving new clients", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    client.sendRaw(JSON.stringify({ type: "ping", t: 1, pad: "x".repeat(100 * 1024) }));
    expect((await client.closed).code).toBe(CloseCode.MessageTooBig);

    const next = await world.hello({ name: "Next" });
    await next.client.join("general");
    await next.client.roundTrip();
  });
});
