import type { ClientMessage } from "@duplex/protocol";
import { replyTo } from "./world.js";
import { ask, refusal, searchOnce, speaking, visible, type Row } from "./tableKit.js";

// The rows whose check is more than one frame and its answer.

export const rooms: Row = {
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
};

export const search: Row = {
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
};

export const typing: Row = {
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
};

export const react: Row = {
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
      page.type === "history" ? page.messages.filter((m) => m.deleted !== true).at(-1) : undefined;
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
};

export const uploadStart: Row = {
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
};
