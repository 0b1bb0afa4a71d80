import type { ClientMessage, ClientMessageType, ServerMessage } from "@duplex/protocol";
import type { TestClient } from "../helpers.js";
import { CAPS, replyTo, type Actor, type RoomKind, type World } from "./world.js";
import { TestClient as Client } from "../helpers.js";

/** What a cell observed: `allow`, or `deny` with the reason (an error code, "not listed"…). */
export type Observed = "allow" | `deny: ${string}`;

const IN: readonly Actor[] = ["owner", "admin", "member", "guest", "outsider", "muted"];
/** Members of the private room; `member` is also the DM's other participant. */
const PRIVATE_MEMBERS: readonly Actor[] = ["owner", "member", "muted"];

interface Act {
  w: World;
  c: TestClient;
  actor: Actor;
  n: number;
}

export type Row =
  | {
      scope: "room";
      /** Who is allowed, per room kind; everyone else is denied. `banned` never is. */
      allowed: Record<RoomKind, readonly Actor[]>;
      run(act: Act, room: string, kind: RoomKind): Promise<Observed>;
      /** A frame of this type, for the banned user's socket (closed before it is read). */
      sample(w: World): ClientMessage;
    }
  | {
      scope: "plain";
      allowed: readonly Actor[];
      run(act: Act): Promise<Observed>;
      sample(w: World): ClientMessage;
    };

const OTHER_UPLOAD = "0123456789abcdef0123456789abcdef";
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

const everyRoom = (actors: readonly Actor[]) => ({ public: actors, private: actors, dm: actors });
const visible = { public: IN, private: PRIVATE_MEMBERS, dm: ["member"] } as const;
const speaking = {
  public: IN.filter((a) => a !== "muted"),
  private: PRIVATE_MEMBERS.filter((a) => a !== "muted"),
  dm: ["member"],
} as const;

/** Sends `frame` with a fresh ref; `allow` when the reply is `okType`, else the error's code. */
async function ask(act: Act, frame: ClientMessage, okType: string): Promise<Observed> {
  const ref = `r${act.n++}`;
  act.c.send({ ...frame, ref } as ClientMessage);
  const reply = await replyTo(act.c, ref);
  if (reply.type === okType) return "allow";
  return `deny: ${reply.type === "error" ? reply.code : reply.type}`;
}

/**
 * One search; past the read budget (every actor shares one address) it waits as told and asks
 * again, since this table is about who may read, not how fast.
 */
async function searchOnce(act: Act, frame: ClientMessage): Promise<ServerMessage> {
  for (;;) {
    const ref = `r${act.n++}`;
    act.c.send({ ...frame, ref } as ClientMessage);
    const reply = await replyTo(act.c, ref);
    if (reply.type !== "error" || reply.code !== "rate_limited") return reply;
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 100));
  }
}

/** For frames without a ref: an error answering it arrives before the pong of a ping sent after it. */
async function refusal(act: Act, frame: ClientMessage): Promise<Observed | undefined> {
  const start = act.c.received.length;
  act.c.send(frame);
  await act.c.roundTrip();
  const error = act.c.received.slice(start).find((m) => m.type === "error");
  return error?.type === "error" ? `deny: ${error.code}` : undefined;
}

/**
 * One row per client message type, in the order an actor runs them (join before send, leave last).
 * Typed by `ClientMessageType`, so a message type added to the protocol fails to compile here until
 * it has its row.
 */
export const TABLE: { [T in ClientMessageType]: Row } = {
  hello: {
    scope: "plain",
    allowed: IN,
    run: async ({ w, actor }) => {
      const again = await Client.hello(w.nodes.b.url, { token: w.who[actor].token, caps: CAPS });
      again.client.close();
      return "allow";
    },
    sample: () => ({ type: "hello" }),
  },
  ping: {
    scope: "plain",
    allowed: IN,
    run: async ({ c }) => {
      await c.roundTrip();
      return "allow";
    },
    sample: () => ({ type: "ping", t: 1 }),
  },
  rooms: {
    scope: "room",
    allowed: visible,
    run: async (act, room, kind) => {
      const ref = `r${act.n++}`;
      act.c.send({ type: "rooms", ref });
      const reply = await act.c.waitFor("rooms", (m) => m.ref === ref);
      const listed =
        kind === "dm"
          ? (reply.dms ?? []).some((d) => d.room === room)
          : reply.rooms.some((r) => r.room === room);
      return listed ? "allow" : "deny: not listed";
    },
    sample: () => ({ type: "rooms" }),
  },
  join: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "join", room }, "joined"),
    sample: (w) => ({ type: "join", room: w.rooms.private }),
  },
  history: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "history", room }, "history"),
    sample: (w) => ({ type: "history", room: w.rooms.private }),
  },
  search: {
    scope: "room",
    // The author's message (its text is the room kind) until a moderator deletes it, then one an
    // actor sent: found only by those who may read the room.
    allowed: visible,
    run: async (act, room, kind) => {
      for (const query of [kind, "from"]) {
        const reply = await searchOnce(act, { type: "search", query, room, limit: 5 });
        if (reply.type === "error") return `deny: ${reply.code}`;
        if (reply.type !== "search_results") return `deny: ${reply.type}`;
        if (reply.hits.some((h) => h.message.room === room)) return "allow";
      }
      return "deny: not found";
    },
    sample: () => ({ type: "search", query: "public" }),
  },
  members: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "members", room }, "members"),
    sample: (w) => ({ type: "members", room: w.rooms.private }),
  },
  watch_members: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "watch_members", room }, "watching_members"),
    sample: (w) => ({ type: "watch_members", room: w.rooms.private }),
  },
  unwatch_members: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "unwatch_members", room }, "watching_members"),
    sample: (w) => ({ type: "unwatch_members", room: w.rooms.private }),
  },
  open: {
    scope: "room",
    allowed: visible,
    run: async (act, room) => (await refusal(act, { type: "open", room })) ?? "allow",
    sample: (w) => ({ type: "open", room: w.rooms.private }),
  },
  read: {
    scope: "room",
    // A read cursor only in a room the user has joined (so only one they may read).
    allowed: visible,
    run: async (act, room) => (await refusal(act, { type: "read", room, seq: 1 })) ?? "allow",
    sample: (w) => ({ type: "read", room: w.rooms.private, seq: 1 }),
  },
  typing: {
    scope: "room",
    allowed: speaking,
    run: async (act, room) => {
      const refused = await refusal(act, { type: "typing", room });
      if (refused) return refused;
      const id = act.w.who[act.actor].id;
      // Delivered within a second, or dropped (a muted user's typing announces nothing).
      const seen = await act.w.author
        .waitFor("typing", (m) => m.room === room && m.user.id === id, 1_000)
        .then(() => true)
        .catch(() => false);
      return seen ? "allow" : "deny: dropped";
    },
    sample: (w) => ({ type: "typing", room: w.rooms.public }),
  },
  send: {
    scope: "room",
    allowed: speaking,
    run: (act, room) =>
      ask(act, { type: "send", room, cid: `c${act.n}`, text: `from ${act.actor}` }, "ack"),
    sample: (w) => ({ type: "send", room: w.rooms.public, cid: "c", text: "x" }),
  },
  react: {
    scope: "room",
    // Anyone who may read the room's messages, as for `history`, but not while muted.
    allowed: speaking,
    // The newest message still standing (a moderator's delete may have taken the target), else the
    // target: a reader who may not see the room learns nothing from which id it tries.
    run: async (act, room, kind) => {
      const ref = `r${act.n++}`;
      act.c.send({ type: "history", room, ref });
      const page = await replyTo(act.c, ref);
      const standing =
        page.type === "history"
          ? page.messages.filter((m) => m.deleted !== true).at(-1)
          : undefined;
      const messageId = standing?.id ?? act.w.target[kind];
      return ask(act, { type: "react", room, messageId, emoji: "👍", on: true }, "reaction");
    },
    sample: (w) => ({
      type: "react",
      room: w.rooms.public,
      messageId: w.target.public,
      emoji: "👍",
      on: true,
    }),
  },
  thread: {
    scope: "room",
    // A thread is read wherever `history` is.
    allowed: visible,
    run: (act, room, kind) =>
      ask(act, { type: "thread", room, root: act.w.target[kind] }, "thread"),
    sample: (w) => ({ type: "thread", room: w.rooms.private, root: w.target.private }),
  },
  thread_read: {
    scope: "room",
    allowed: visible,
    run: async (act, room, kind) =>
      (await refusal(act, { type: "thread_read", room, root: act.w.target[kind], seq: 1 })) ??
      "allow",
    sample: (w) => ({ type: "thread_read", room: w.rooms.private, root: w.target.private, seq: 1 }),
  },
  upload_start: {
    scope: "room",
    // Whoever may send may post a file; the upload is cancelled at once (in-flight caps).
    allowed: speaking,
    run: async (act, room) => {
      const ref = `r${act.n++}`;
      const start = { type: "upload_start", ref, cid: `f${act.n}`, room, name: "a.txt", size: 3 };
      act.c.send(start as ClientMessage);
      const reply = await replyTo(act.c, ref);
      if (reply.type !== "upload_ready") {
        return `deny: ${reply.type === "error" ? reply.code : reply.type}`;
      }
      act.c.send({ type: "upload_cancel", uploadId: reply.uploadId });
      return "allow";
    },
    sample: (w) => ({ type: "upload_start", room: w.rooms.public, cid: "f", name: "a", size: 1 }),
  },
  upload_finish: {
    scope: "plain",
    // Only the socket's own uploads exist for it: another's id is not found.
    allowed: [],
    run: (act) =>
      ask(act, { type: "upload_finish", uploadId: OTHER_UPLOAD, sha256: EMPTY }, "upload_done"),
    sample: () => ({ type: "upload_finish", uploadId: OTHER_UPLOAD, sha256: EMPTY }),
  },
  upload_cancel: {
    scope: "plain",
    // Cancelling an upload that is not one's own changes nothing and answers nothing.
    allowed: IN,
    run: async (act) =>
      (await refusal(act, { type: "upload_cancel", uploadId: OTHER_UPLOAD })) ?? "allow",
    sample: () => ({ type: "upload_cancel", uploadId: OTHER_UPLOAD }),
  },
  edit: {
    scope: "room",
    // Another user's message: nobody edits it, moderators included.
    allowed: everyRoom([]),
    run: (act, room, kind) =>
      ask(act, { type: "edit", room, id: act.w.target[kind], text: "rewritten" }, "edited"),
    sample: (w) => ({ type: "edit", room: w.rooms.public, id: w.target.public, text: "x" }),
  },
  delete: {
    scope: "room",
    // Moderators delete any message in rooms they can join; a private room's owner in it.
    allowed: { public: ["owner", "admin"], private: ["owner"], dm: [] },
    run: (act, room, kind) => ask(act, { type: "delete", room, id: act.w.target[kind] }, "deleted"),
    sample: (w) => ({ type: "delete", room: w.rooms.public, id: w.target.public }),
  },
  leave: {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type: "leave", room }, "left"),
    sample: (w) => ({ type: "leave", room: w.rooms.public }),
  },
  subscribe: {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, { type: "subscribe", topic: "stats" }, "subscribed"),
    sample: () => ({ type: "subscribe", topic: "stats" }),
  },
  unsubscribe: {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, { type: "unsubscribe", topic: "stats" }, "unsubscribed"),
    sample: () => ({ type: "unsubscribe", topic: "stats" }),
  },
  mark_read: {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, { type: "mark_read", all: true }, "notifications_read"),
    sample: () => ({ type: "mark_read", all: true }),
  },
  inspect: {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, { type: "inspect", enable: true }, "inspecting"),
    sample: () => ({ type: "inspect", enable: true }),
  },
  visibility: {
    scope: "plain",
    allowed: IN,
    run: async (act) => (await refusal(act, { type: "visibility", visible: false })) ?? "allow",
    sample: () => ({ type: "visibility", visible: false }),
  },
  set_prefs: {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, { type: "set_prefs", shareReceipts: true }, "prefs"),
    sample: () => ({ type: "set_prefs", dndUntil: 0 }),
  },
};
