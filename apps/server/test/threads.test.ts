import { ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { threadsScenario } from "./support/threadsScenario.js";

describe("threads (SQLite)", () => {
  it("sends, delivers, summarises, pages, syncs unread, notifies, refuses and replays threads", async () => {
    await using world = await testWorld();
    await threadsScenario([world.server.url]);
  });

  it("answers thread and thread_read without the threads capability with invalid_message", async () => {
    await using world = await testWorld({ users: ["Alice"], rooms: ["general"] });
    const { client } = world.users.Alice;
    client.send({ type: "thread", room: "general", root: "m_1", ref: "t" });
    expect(await client.waitFor("error")).toEqual({
      type: "error",
      ref: "t",
      code: ErrorCode.InvalidMessage,
      message: "thread needs the threads capability",
    });
    // `thread_read` has no reply, so no ref to answer with.
    client.send({ type: "thread_read", room: "general", root: "m_1", seq: 1 });
    expect(await client.waitFor("error", (m) => m.ref === undefined)).toEqual({
      type: "error",
      code: ErrorCode.InvalidMessage,
      message: "thread_read needs the threads capability",
    });
  });
});
