import { describe, expect, it } from "vitest";
import { answerLinkRequest, type LinkAnswer } from "./linkRequests.js";
import { SseSocket } from "./SseSocket.js";

const TICKET = "t".repeat(43);

function sendRequest(link: SseSocket, frames: readonly string[]) {
  const links = new Map([[link.id, link]]);
  return answerLinkRequest(links, {
    kind: "send",
    stream: link.id,
    ticket: TICKET,
    body: frames.join("\n"),
  });
}

/** Whether a promise has settled after the pending microtasks and one turn of the loop. */
async function settledSoon(answer: Promise<LinkAnswer> | LinkAnswer): Promise<boolean> {
  let settled = false;
  void Promise.resolve(answer).then(() => (settled = true));
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe("a POST of frames to a paused link", () => {
  it("takes the frames at once and is answered only when the link reads again", async () => {
    const link = new SseSocket("s1", TICKET);
    const taken: string[] = [];
    link.on("message", (frame: Buffer) => taken.push(frame.toString()));
    expect(await settledSoon(sendRequest(link, ["{}"]))).toBe(true);

    link.pause();
    const answer = sendRequest(link, ['{"a":1}', '{"b":2}']);
    expect(taken).toEqual(["{}", '{"a":1}', '{"b":2}']);
    expect(await settledSoon(answer)).toBe(false);
    link.resume();
    await expect(answer).resolves.toEqual({ status: 202, body: { accepted: 2 } });
  });

  it("is answered when the paused link closes", async () => {
    const link = new SseSocket("s2", TICKET);
    link.pause();
    const answer = sendRequest(link, ["{}"]);
    expect(await settledSoon(answer)).toBe(false);
    link.terminate();
    await expect(answer).resolves.toMatchObject({ status: 202 });
  });
});
