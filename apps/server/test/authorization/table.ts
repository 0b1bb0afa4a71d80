import type { ClientMessageType } from "@duplex/protocol";
import { TestClient as Client } from "../helpers.js";
import { react, rooms, search, typing, uploadStart } from "./customRows.js";
import {
  EMPTY,
  IN,
  OTHER_UPLOAD,
  ask,
  everyRoom,
  plainAsk,
  plainQuiet,
  refusal,
  roomAsk,
  speaking,
  visible,
  type Row,
} from "./tableKit.js";
import { CAPS } from "./world.js";

export type { Observed } from "./tableKit.js";

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
  rooms,
  join: roomAsk("join", "joined"),
  history: roomAsk("history", "history"),
  search,
  members: roomAsk("members", "members"),
  watch_members: roomAsk("watch_members", "watching_members"),
  unwatch_members: roomAsk("unwatch_members", "watching_members"),
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
  typing,
  send: {
    scope: "room",
    allowed: speaking,
    run: (act, room) =>
      ask(act, { type: "send", room, cid: `c${act.n}`, text: `from ${act.actor}` }, "ack"),
    sample: (w) => ({ type: "send", room: w.rooms.public, cid: "c", text: "x" }),
  },
  react,
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
  upload_start: uploadStart,
  upload_finish: {
    scope: "plain",
    // Only the socket's own uploads exist for it: another's id is not found.
    allowed: [],
    run: (act) =>
      ask(act, { type: "upload_finish", uploadId: OTHER_UPLOAD, sha256: EMPTY }, "upload_done"),
    sample: () => ({ type: "upload_finish", uploadId: OTHER_UPLOAD, sha256: EMPTY }),
  },
  // Cancelling an upload that is not one's own changes nothing and answers nothing.
  upload_cancel: plainQuiet({ type: "upload_cancel", uploadId: OTHER_UPLOAD }),
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
  leave: roomAsk("leave", "left", "public"),
  subscribe: plainAsk({ type: "subscribe", topic: "stats" }, "subscribed"),
  unsubscribe: plainAsk({ type: "unsubscribe", topic: "stats" }, "unsubscribed"),
  mark_read: plainAsk({ type: "mark_read", all: true }, "notifications_read"),
  inspect: plainAsk({ type: "inspect", enable: true }, "inspecting"),
  visibility: plainQuiet({ type: "visibility", visible: false }),
  set_prefs: plainAsk({ type: "set_prefs", shareReceipts: true }, "prefs", {
    type: "set_prefs",
    dndUntil: 0,
  }),
};
