import { Capability, type ServerMessageOf } from "@duplex/protocol";
import { expect, vi } from "vitest";
import { TestClient } from "../helpers.js";

/** The big-room threshold the scenario runs under: small, so a dozen clients make a big room. */
export const SCENARIO_THRESHOLD = 4;
const CROWD = 8;
const settle = { timeout: 10_000, interval: 20 };
const MEMBER_PAGES = { caps: [Capability.MemberPages] };

interface Timed {
  at: number;
  online: number;
}

async function capped(url: string, name: string) {
  const { client, welcome } = await TestClient.hello(url, { name, ...MEMBER_PAGES });
  expect(welcome.caps).toEqual([Capability.MemberPages, Capability.PresenceDiff]);
  // Arrival times of occupancy frames, to check the once-a-second bound.
  const occupancy: Timed[] = [];
  client.ws.on("message", (data) => {
    const m = JSON.parse(String(data)) as { type: string; online?: number };
    if (m.type === "occupancy") occupancy.push({ at: Date.now(), online: m.online ?? -1 });
  });
  return { client, user: welcome.user, occupancy };
}

/** All members by paging `members` with `limit` until no `next`. */
async function pageAll(client: TestClient, room: string, limit: number, query?: string) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const ref = `p${pages++}`;
    client.send({
      type: "members",
      ref,
      room,
      limit,
      ...(cursor !== undefined && { cursor }),
      ...(query !== undefined && { query }),
    });
    const page: ServerMessageOf<"members"> = await client.waitFor("members", (m) => m.ref === ref);
    expect(page.members.length).toBeLessThanOrEqual(limit);
    ids.push(...page.members.map((u) => u.id));
    if (page.next === undefined) return { ids, pages, count: page.count };
    cursor = page.next;
  }
}

/**
 * A room that grows past the threshold with clients on `urls` (round robin): a plain v1 client hears
 * every join, a `member_pages` client that watches hears them too, one that does not watch gets a
 * coalesced exact `occupancy` at most once a second and no presence once the room is big; `members`
 * pages everyone exactly once in id order; `joined` carries the count and the joiner first.
 */
export async function bigRoomScenario(urls: string[], room: string): Promise<void> {
  const at = (i: number) => urls[i % urls.length] as string;
  const old = await TestClient.hello(at(0), { name: "Old" });
  const watcher = await capped(at(1), "Watcher");
  const quiet = await capped(at(0), "Quiet");
  await old.client.join(room);
  await watcher.client.join(room);
  await quiet.client.join(room);
  watcher.client.send({ type: "watch_members", room, ref: "w" });
  expect(await watcher.client.waitFor("watching_members")).toEqual({
    type: "watching_members",
    ref: "w",
    room,
    watching: true,
  });

  const crowd: Awaited<ReturnType<typeof capped>>[] = [];
  const fillStarted = Date.now();
  for (let i = 0; i < CROWD; i++) crowd.push(await capped(at(i), `Crowd ${i}`));
  const joins = await Promise.all(crowd.map(({ client }) => client.join(room)));
  const everyone = [old, watcher, quiet, ...crowd].map((m) =>
    "user" in m ? m.user : m.welcome.user,
  );
  const total = everyone.length;

  // The last joiner's `joined`: the count, and itself first in a page no longer than the room.
  const last = crowd.at(-1)!;
  const lastJoined = joins.at(-1)!;
  expect(lastJoined.memberCount).toBeGreaterThan(SCENARIO_THRESHOLD);
  expect(lastJoined.members[0]).toEqual(last.user);
  expect(joins.every((j) => j.memberCount !== undefined)).toBe(true);
  // A v1 joiner's `joined` carries no count (a strict v1 reader would refuse it) and everyone online.
  const oldAgain = await TestClient.hello(at(1), { name: "Old again" });
  const oldJoined = await oldAgain.client.join(room);
  expect(oldJoined.memberCount).toBeUndefined();
  expect(oldJoined.members.map((u) => u.id).sort()).toEqual(
    [...everyone, oldAgain.welcome.user].map((u) => u.id).sort(),
  );
  oldAgain.client.send({ type: "leave", room });
  await oldAgain.client.waitFor("left");
  oldAgain.client.close();

  // The quiet client's count converges on the exact total; the watcher and the v1 client saw each join.
  await vi.waitFor(() => expect(quiet.occupancy.at(-1)?.online).toBe(total), settle);
  for (const { user } of crowd) {
    await old.client.waitForPresence("join", user.id, 10_000);
    await watcher.client.waitForPresence("join", user.id, 10_000);
  }
  // Once the room was big, the quiet client heard no joins, only counts...
  const quietJoins = quiet.client.presenceChanges(room).map((c) => c.user.id);
  expect(quietJoins).not.toContain(last.user.id);
  // ...and at most one count per second per room (plus the first, sent at once).
  const seconds = (Date.now() - fillStarted) / 1000;
  expect(quiet.occupancy.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  for (let i = 1; i < quiet.occupancy.length; i++) {
    const gap = quiet.occupancy[i]!.at - quiet.occupancy[i - 1]!.at;
    expect(gap).toBeGreaterThanOrEqual(900);
  }
  // The v1 client never got a frame it does not know.
  expect(old.client.received.some((m) => m.type === "occupancy")).toBe(false);

  // Paging: every member once, in id order, whichever node answers.
  const paged = await pageAll(last.client, room, 3);
  expect(paged.ids).toEqual(everyone.map((u) => u.id).sort());
  expect(paged.count).toBe(total);
  expect(paged.pages).toBe(Math.ceil(total / 3));
  const found = await pageAll(quiet.client, room, 100, "crowd");
  expect(found.ids.sort()).toEqual(crowd.map((c) => c.user.id).sort());

  // Unwatching: the next join reaches the watcher as a count, not a presence.
  watcher.client.send({ type: "unwatch_members", room, ref: "u" });
  await watcher.client.waitFor("watching_members", (m) => m.ref === "u" && !m.watching);
  const late = await capped(at(1), "Late");
  await late.client.join(room);
  await vi.waitFor(() => expect(watcher.occupancy.at(-1)?.online).toBe(total + 1), settle);
  await old.client.waitForPresence("join", late.user.id, 10_000);
  expect(watcher.client.presenceChanges(room).map((c) => c.user.id)).not.toContain(late.user.id);

  // Leaving: the count follows down to the exact figure.
  late.client.send({ type: "leave", room });
  crowd[0]!.client.close();
  await vi.waitFor(() => expect(quiet.occupancy.at(-1)?.online).toBe(total - 1), settle);

  for (const m of [old, watcher, quiet, late, ...crowd]) m.client.close();
}
