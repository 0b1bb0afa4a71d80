import type { ServerMessageOf } from "@duplex/protocol";
import { vi } from "vitest";
import type { TestClient } from "../helpers.js";

type Reply = ServerMessageOf<"ack"> | ServerMessageOf<"error">;

/** Sends one message and waits for its ack or its error, whichever comes first. */
export async function trySend(
  client: TestClient,
  room: string,
  cid: string,
  text = cid,
  timeoutMs = 15_000,
): Promise<Reply> {
  const from = client.received.length;
  client.send({ type: "send", room, cid, text, ref: cid });
  return vi.waitFor(
    () => {
      const reply = client.received
        .slice(from)
        .find(
          (m): m is Reply =>
            (m.type === "ack" && m.cid === cid) || (m.type === "error" && m.ref === cid),
        );
      if (!reply) throw new Error(`no reply to ${cid}`);
      return reply;
    },
    { timeout: timeoutMs, interval: 5 },
  );
}

/** What {@link sendWithOutbox} did: the acks in order, and every refusal it retried. */
export interface OutboxRun {
  acks: ServerMessageOf<"ack">[];
  refusals: { cid: string; at: number; message: string }[];
}

/**
 * Sends `count` messages one after another as the client's outbox does: a refused message is kept and
 * re-sent with the same cid after the server's `retryAfterMs`, until it is acked.
 */
export async function sendWithOutbox(
  client: TestClient,
  room: string,
  label: string,
  count: number,
): Promise<OutboxRun> {
  const run: OutboxRun = { acks: [], refusals: [] };
  for (let i = 0; i < count; i++) {
    const cid = `${label}-${i}`;
    for (;;) {
      const reply = await trySend(client, room, cid);
      if (reply.type === "ack") {
        run.acks.push(reply);
        break;
      }
      run.refusals.push({ cid, at: Date.now(), message: reply.message });
      await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1_000));
    }
  }
  return run;
}
