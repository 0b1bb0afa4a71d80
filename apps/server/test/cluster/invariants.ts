import type { ServerMessageOf } from "@duplex/protocol";
import { expect } from "vitest";
import type { TestClient } from "../helpers.js";

/**
 * The seqs a client has of `room`, as a client that de-duplicates by seq would hold them: the
 * `joined` page, then the live `message` frames after it (a frame repeating the page is the documented
 * join race and is skipped; any other repeat is a failure).
 */
export function seqsOf(client: TestClient, room: string): number[] {
  const joined = client.received.find(
    (m): m is ServerMessageOf<"joined"> => m.type === "joined" && m.room === room,
  );
  if (!joined) throw new Error(`client never joined ${room}`);
  const seqs = joined.messages.map((m) => m.seq);
  const start = client.received.indexOf(joined);
  for (const m of client.received.slice(start + 1)) {
    if (m.type !== "message" || m.room !== room) continue;
    if (m.seq <= joined.seq && seqs.includes(m.seq)) continue;
    seqs.push(m.seq);
  }
  return seqs;
}

/** The cluster's ordering invariant: seqs rise by exactly one, none twice, from the first held to `upTo`. */
export function expectGapFree(client: TestClient, room: string, upTo: number): void {
  const seqs = seqsOf(client, room);
  const first = seqs[0] ?? upTo + 1;
  const expected = Array.from({ length: upTo - first + 1 }, (_, i) => first + i);
  expect(seqs).toEqual(expected);
}

/** The ids in one client's view of the room, in order (every client must hold the same order). */
export function idsOf(client: TestClient, room: string): string[] {
  const byseq = new Map<number, string>();
  for (const m of client.received) {
    if (m.type === "message" && m.room === room) byseq.set(m.seq, m.id);
    if (m.type === "joined" && m.room === room) for (const x of m.messages) byseq.set(x.seq, x.id);
  }
  return [...byseq].sort(([a], [b]) => a - b).map(([, id]) => id);
}

/** Sends `count` messages from `client` to `room`, each waiting for its ack; returns the acks. */
export async function sendMany(
  client: TestClient,
  room: string,
  label: string,
  count: number,
): Promise<ServerMessageOf<"ack">[]> {
  const acks: ServerMessageOf<"ack">[] = [];
  for (let i = 0; i < count; i++) {
    const cid = `${label}-${i}`;
    client.send({ type: "send", room, cid, text: `${label} ${i}` });
    acks.push(await client.waitFor("ack", (a) => a.cid === cid, 10_000));
  }
  return acks;
}
