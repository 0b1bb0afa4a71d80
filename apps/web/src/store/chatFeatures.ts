import {
  LIMITS,
  checkText,
  dmParticipants,
  dmRoomId,
  isDmRoom,
  type ChatMessage,
  type ServerMessage,
  type User,
} from "@duplex/protocol";
import { t } from "../i18n/localeStore.js";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { ChatActions, ChatSlice } from "./chatSlice.js";
import type { DuplexState } from "./state.js";
import type { HeldDeleteActions } from "./heldDeletes.js";
import { changeMembers } from "./members.js";
import { applyMessageChange } from "./messageEdits.js";
import { mergeRoomMessages } from "./messagesSlice.js";
import {
  TYPING_THROTTLE_MS,
  expireTypists,
  nextExpiry,
  removeTypist,
  upsertTypist,
} from "./typing.js";
import { applyServerRead, countUnread, markSeen } from "./unread.js";
import { ReadSender } from "../receipts/readSender.js";
import { addReader, readersOf } from "../receipts/seenBy.js";

type Get = () => DuplexState;
type Set = StoreApi<DuplexState>["setState"];

function patchChat(set: Set, patch: (chat: ChatSlice) => Partial<ChatSlice>): void {
  set((s) => ({ chat: { ...s.chat, ...patch(s.chat) } }));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : t("request.failed");
}

/** The actions of the chat slice. `joinRoom` is the store's own, so a DM opens like any room. */
export function createChatActions(
  client: ChatClient,
  get: Get,
  set: Set,
  joinRoom: (room: string) => void,
): Omit<ChatActions, keyof HeldDeleteActions> {
  const lastTypingSent = new Map<string, number>();
  // A sent message ends "typing…" on the other side, so the next keystroke may announce it again.
  let outboxSize = client.outbox.length;
  client.on("outbox", (entries) => {
    if (entries.length > outboxSize) for (const e of entries) lastTypingSent.delete(e.room);
    outboxSize = entries.length;
  });

  return {
    notifyTyping() {
      const room = get().rooms.current;
      if (room === undefined) return;
      const now = Date.now();
      if (now - (lastTypingSent.get(room) ?? -Infinity) < TYPING_THROTTLE_MS) return;
      lastTypingSent.set(room, now);
      client.typing(room);
    },

    async loadOlder(room) {
      const state = get().chat.history[room];
      if (state === undefined || !state.hasMore || state.loading) return [];
      const oldest = get().messages.byRoom[room]?.[0]?.seq;
      patchChat(set, (c) => ({ history: { ...c.history, [room]: { ...state, loading: true } } }));
      try {
        const reply = await client.history(room, oldest, LIMITS.joinedPageSize);
        set((s) => ({
          messages: {
            ...s.messages,
            byRoom: {
              ...s.messages.byRoom,
              [room]: mergeRoomMessages(s.messages.byRoom[room] ?? [], reply.messages, false),
            },
          },
          chat: {
            ...s.chat,
            history: { ...s.chat.history, [room]: { hasMore: reply.hasMore, loading: false } },
          },
        }));
        return reply.messages;
      } catch (error) {
        patchChat(set, (c) => ({
          history: {
            ...c.history,
            [room]: { hasMore: true, loading: false, error: errorText(error) },
          },
        }));
        return [];
      }
    },

    refreshDirectory() {
      patchChat(set, (c) => ({ directory: { ...c.directory, status: "loading" } }));
      // The reply (and any pushed update) lands through the `message` event; only failure is read here.
      client.rooms().catch((error: unknown) =>
        patchChat(set, (c) => ({
          directory: { ...c.directory, status: "error", error: errorText(error) },
        })),
      );
    },

    openDm(user) {
      const me = get().session.user;
      if (!me || me.id === user.id) return;
      const room = dmRoomId(me.id, user.id);
      patchChat(set, (c) => ({ dmPeers: { ...c.dmPeers, [room]: user }, panel: null }));
      joinRoom(room);
    },

    editMessage(room, id, text) {
      if (!checkText(text).ok) return false;
      client.request({ type: "edit", room, id, text }).catch(() => undefined);
      return true;
    },

    setPanel(panel) {
      patchChat(set, () => ({ panel }));
    },
  };
}

/** The DM peer named by a room id and what we know of users; undefined if not a DM of ours. */
function dmPeer(room: string, myId: string | undefined, known: readonly User[]): User | undefined {
  const ids = dmParticipants(room);
  if (!ids || myId === undefined) return undefined;
  const peerId = ids[0] === myId ? ids[1] : ids[0];
  return known.find((u) => u.id === peerId);
}

/**
 * Keeps the chat slice in step with the server: presence, typing (with expiry), unread counts,
 * edits and deletions, the directory, and DMs that others open with us.
 */
export function attachChatEvents(client: ChatClient, store: StoreApi<DuplexState>): void {
  const { getState: get, setState: set } = store;
  let sweep: ReturnType<typeof setTimeout> | undefined;
  const reads = new ReadSender((room, seq) => client.read(room, seq));
  const visible = () => typeof document === "undefined" || document.visibilityState === "visible";
  /** The open room's newest message is on screen (and the tab visible): tell the server. */
  function readCurrent(): void {
    const { rooms, messages } = get();
    const room = rooms.current;
    const last = room === undefined ? undefined : messages.byRoom[room]?.at(-1)?.seq;
    if (room !== undefined && last !== undefined && visible()) reads.mark(room, last);
  }
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", readCurrent);

  function scheduleSweep(): void {
    if (sweep !== undefined) clearTimeout(sweep);
    sweep = undefined;
    const due = nextExpiry(get().chat.typing);
    if (due === undefined) return;
    sweep = setTimeout(
      () => {
        sweep = undefined;
        patchChat(set, (c) => ({ typing: expireTypists(c.typing, Date.now()) }));
        scheduleSweep();
      },
      Math.max(0, due - Date.now()),
    );
  }

  function learnDmPeer(room: string, users: readonly User[]): void {
    if (!isDmRoom(room) || get().chat.dmPeers[room]) return;
    const peer = dmPeer(room, get().session.user?.id, users);
    if (peer) patchChat(set, (c) => ({ dmPeers: { ...c.dmPeers, [room]: peer } }));
  }

  /** Members who joined or left (`presence`, `presence_diff`); whoever left stops typing. */
  function applyPresence(room: string, joined: readonly User[], left: readonly User[]): void {
    patchChat(set, (c) => {
      let typing = c.typing[room];
      for (const user of left) if (typing) typing = removeTypist(typing, user.id);
      return {
        members: { ...c.members, [room]: changeMembers(c.members[room] ?? [], joined, left) },
        ...(typing && { typing: { ...c.typing, [room]: typing } }),
      };
    });
    learnDmPeer(room, [...joined, ...left]);
  }

  function onMessage(message: ServerMessage): void {
    switch (message.type) {
      case "joined":
        patchChat(set, (c) => ({
          members: { ...c.members, [message.room]: message.members },
          // A resumed room keeps what we learned by paging; a fresh page says whether more exists.
          history:
            message.recovered === true && c.history[message.room]
              ? c.history
              : { ...c.history, [message.room]: { hasMore: message.hasMore, loading: false } },
        }));
        learnDmPeer(message.room, [...message.members, ...message.messages.map((m) => m.from)]);
        if (message.read || message.readers) {
          const { read, readers, room, seq } = message;
          patchChat(set, (c) => ({
            ...(read && { unread: applyServerRead(c.unread, room, read.seq, read.unread, seq) }),
            ...(readers && { seen: { ...c.seen, [room]: readersOf(readers) } }),
          }));
        }
        return;
      case "read_cursor":
        patchChat(set, (c) => ({
          unread: applyServerRead(c.unread, message.room, message.seq, message.unread),
        }));
        return;
      case "seen":
        patchChat(set, (c) => ({
          seen: addReader(c.seen, message.room, message.user, message.seq),
        }));
        return;
      case "left":
        patchChat(set, (c) => {
          const { [message.room]: _members, ...members } = c.members;
          const { [message.room]: _typing, ...typing } = c.typing;
          return { members, typing };
        });
        return;
      case "presence":
        applyPresence(
          message.room,
          message.event === "join" ? [message.user] : [],
          message.event === "leave" ? [message.user] : [],
        );
        return;
      case "presence_diff":
        applyPresence(message.room, message.joined, message.left);
        return;
      case "typing":
        if (message.user.id === get().session.user?.id) return; // another tab of ours
        patchChat(set, (c) => ({
          typing: {
            ...c.typing,
            [message.room]: upsertTypist(c.typing[message.room] ?? [], message.user, Date.now()),
          },
        }));
        scheduleSweep();
        return;
      case "message":
        // A DM someone opened with us: list it by joining (the server allows the two participants).
        if (isDmRoom(message.room) && !get().rooms.joined.includes(message.room)) {
          learnDmPeer(message.room, [message.from]);
          client.join(message.room);
        }
        return;
      case "edited":
      case "deleted":
        set((s) => {
          const messages = s.messages.byRoom[message.room];
          if (!messages) return s;
          const next = applyMessageChange(messages, message);
          if (next === messages) return s;
          return {
            messages: { ...s.messages, byRoom: { ...s.messages.byRoom, [message.room]: next } },
          };
        });
        return;
      case "rooms":
        patchChat(set, (c) => ({
          directory: { rooms: message.rooms, status: "ready" },
          ...(message.reads && {
            unread: message.reads.reduce(
              (u, r) => applyServerRead(u, r.room, r.seq, r.unread),
              c.unread,
            ),
          }),
          // Earlier conversations are listed with their peer, so they can be reopened by name.
          ...(message.dms &&
            message.dms.length > 0 && {
              dmPeers: {
                ...c.dmPeers,
                ...Object.fromEntries(message.dms.map((dm) => [dm.room, dm.user])),
              },
            }),
        }));
        return;
      case "room_update":
        patchChat(set, (c) => {
          const { type: _type, ...summary } = message;
          const rooms = c.directory.rooms.some((r) => r.room === summary.room)
            ? c.directory.rooms.map((r) => (r.room === summary.room ? summary : r))
            : [...c.directory.rooms, summary];
          return { directory: { ...c.directory, rooms } };
        });
        return;
      case "dm_invite":
        // Someone wrote to us in a DM we have not opened: list it (joining loads it, unread).
        learnDmPeer(message.room, [message.from]);
        if (!get().rooms.joined.includes(message.room)) client.join(message.room);
        return;
      default:
        return;
    }
  }

  function onRoomMessages(room: string, incoming: ChatMessage[], reset: boolean): void {
    const { rooms, session, chat } = get();
    const myId = session.user?.id;
    const unread = countUnread(chat.unread, room, incoming, reset, rooms.current, myId);
    // A message from someone ends their "typing…".
    let typing = chat.typing[room];
    for (const m of incoming) if (typing) typing = removeTypist(typing, m.from.id);
    patchChat(set, (c) => ({
      unread,
      ...(typing && typing !== c.typing[room] && { typing: { ...c.typing, [room]: typing } }),
    }));
    learnDmPeer(
      room,
      incoming.map((m) => m.from),
    );
    if (room === rooms.current) readCurrent();
  }

  client.on("message", onMessage);
  client.on("roomMessages", onRoomMessages);
  // Opening a room reads it.
  store.subscribe((state, prev) => {
    const room = state.rooms.current;
    if (room === undefined || room === prev.rooms.current) return;
    const last = state.messages.byRoom[room]?.at(-1)?.seq ?? 0;
    const unread = markSeen(state.chat.unread, room, last);
    if (unread !== state.chat.unread) patchChat(set, () => ({ unread }));
    readCurrent();
  });
}
