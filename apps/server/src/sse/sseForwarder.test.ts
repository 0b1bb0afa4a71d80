import { describe, expect, it } from "vitest";
import { InProcessBroker } from "../broker/InProcessBroker.js";
import { createLogger } from "../logger.js";
import type { LinkRequest } from "./linkRequests.js";
import { SseForwarder, newStreamId, streamNode } from "./sseForwarder.js";

const log = createLogger("silent");

describe("SseForwarder", () => {
  it("routes a request to the node named in the stream id and returns that node's answer", async () => {
    const broker = new InProcessBroker();
    const handled: string[] = [];
    const node = (id: string) =>
      new SseForwarder(
        broker,
        id,
        (req: LinkRequest) => {
          handled.push(`${id}:${req.body}`);
          return { status: 202, body: { accepted: 1, by: id } };
        },
        log,
      );
    const a = node("node-a");
    const b = node("node-b");
    await Promise.all([a.start(), b.start()]);
    const stream = newStreamId("node-a");
    expect(streamNode(stream)).toBe("node-a");
    const req: LinkRequest = { stream, ticket: "t", kind: "send", body: "x" };
    expect(await b.route(req)).toEqual({ status: 202, body: { accepted: 1, by: "node-a" } });
    expect(await a.route({ ...req, body: "y" })).toEqual({
      status: 202,
      body: { accepted: 1, by: "node-a" },
    });
    expect(handled).toEqual(["node-a:x", "node-a:y"]);
  });

  it("answers 503 when the stream's node does not answer in time", async () => {
    const broker = new InProcessBroker();
    const b = new SseForwarder(broker, "node-b", () => ({ status: 500 }), log, 50);
    await b.start();
    const answer = await b.route({
      stream: newStreamId("gone"),
      ticket: "t",
      kind: "send",
      body: "x",
    });
    expect(answer.status).toBe(503);
  });
});
