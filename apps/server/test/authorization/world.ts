import { Capability, dmRoomId, type ServerMessage } from "@duplex/protocol";
import { expect, vi } from "vitest";
import { TestClient } from "../helpers.js";
import { api, registerAccount } from "../accountsHttp.js";

/** Who acts. `banned` never gets past `hello`; `muted` is a member of the private room, muted everywhere. */
export const ACTORS = ["owner", "admin", "member", "guest", "outsider", "muted", "banned"] as const;
export type Actor = (typeof ACTORS)[number];

/** Where: a public room, a private room (members: owner, member, muted), a DM of `member`. */
export const ROOM_KINDS = ["public", "private", "dm"] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const CAPS = [
  Capability.Accounts,
  Capability.RoomsPaged,
  Capability.SavedRooms,
  Capability.MemberPages,
  Capability.Reactions,
  Capability.Files,
  Capability.Threads,
];

interface Who {
  id: string;
  token: string;
}

/** Two nodes (the same server twice on one SQLite file): HTTP set-up on `a`, the actors on `b`. */
export interface Nodes {
  a: { httpUrl: string; url: string };
  b: { httpUrl: string; url: string };
}

/** Everything the table's rows act on. */
export interface World {
  nodes: Nodes;
  who: Record<Actor | "author" | "spare", Who>;
  rooms: Record<RoomKind, string>;
  /** A message of `author` (not an actor) in each room: what edit and delete try to change. */
  target: Record<RoomKind, string>;
  /** `author`'s socket, joined to every room: it sees typing. */
  author: TestClient;
}

/** The first reply carrying `ref`, of any type. */
export async function replyTo(client: TestClient, ref: string): Promise<ServerMessage> {
  return vi.waitFor(
    () => {
      const found = client.received.find((m) => "ref" in m && m.ref === ref);
      if (!found) throw new Error(`no reply to ${ref} yet`);
      return found;
    },
    { timeout: 5_000, interval: 5 },
  );
}

/** Builds the world: accounts, roles, rooms, members, a message per room, a mute and a ban. */
export async function buildWorld(nodes: Nodes): Promise<World> {
  const http = nodes.a.httpUrl;
  const reg = (name: string) =>
    registerAccount(http, name).then((a) => ({ id: a.user.id, token: a.token }));
  // The first account is the server's owner.
  const owner = await reg("olga");
  const [admin, member, outsider, muted, banned, author, spare] = (await Promise.all(
    ["adam", "mia", "otto", "mute", "bart", "auth", "spare"].map(reg),
  )) as [Who, Who, Who, Who, Who, Who, Who];
  const guestHello = await TestClient.hello(nodes.b.url, { name: "gus" });
  guestHello.client.close();
  const guest = { id: guestHello.welcome.user.id, token: guestHello.welcome.token };
  const post = async (path: string, body: unknown, token = owner.token) => {
    const res = await api(http, "POST", path, { token, body });
    expect(res.status, `${path} ${JSON.stringify(res.json)}`).toBeLessThan(300);
  };
  await post("/api/admin/role", { user: admin.id, role: "admin" });
  await post("/api/rooms/private", { room: "board" });
  for (const user of [member, muted, author]) {
    await post("/api/rooms/invite", { room: "board", user: user.id });
  }
  const rooms: Record<RoomKind, string> = {
    public: "lobby",
    private: "board",
    dm: dmRoomId(author.id, member.id),
  };
  const authorTab = await TestClient.hello(nodes.b.url, { token: author.token, caps: CAPS });
  const target = {} as Record<RoomKind, string>;
  for (const kind of ROOM_KINDS) {
    await authorTab.client.join(rooms[kind]);
    authorTab.client.send({ type: "send", room: rooms[kind], cid: kind, text: kind, ref: kind });
    target[kind] = (await authorTab.client.waitFor("ack", (m) => m.ref === kind)).id;
  }
  await post("/api/admin/mute", { user: muted.id, durationMs: 600_000 });
  await post("/api/admin/ban", { user: banned.id });
  await feltOnActorsNode(nodes, muted.token);
  return {
    nodes,
    who: { owner, admin, member, guest, outsider, muted, banned, author, spare },
    rooms,
    target,
    author: authorTab.client,
  };
}

/** On two nodes the mute reaches node `b` through the broker after the HTTP answer: wait until it has. */
async function feltOnActorsNode(nodes: Nodes, mutedToken: string): Promise<void> {
  const probe = await TestClient.hello(nodes.b.url, { token: mutedToken, caps: CAPS });
  try {
    await probe.client.join("lobby");
    await expect
      .poll(async () => {
        const ref = `probe${Math.random()}`;
        probe.client.send({ type: "send", room: "lobby", cid: ref, text: "probe", ref });
        const reply = await replyTo(probe.client, ref);
        return reply.type === "error" ? reply.code : reply.type;
      })
      .toBe("muted");
    probe.client.send({ type: "leave", room: "lobby", ref: "probe-leave" });
    await replyTo(probe.client, "probe-leave");
  } finally {
    probe.client.close();
  }
}
