import {
  dmParticipants,
  isDmRoom,
  type ChatMessage,
  type ServerMessage,
  type User,
} from "@duplex/protocol";
import type { ChatSlice } from "./chatSlice.js";
import type { DuplexState } from "./state.js";
import type { ServerEffect } from "./serverEvent.js";
import { changeMembers } from "./members.js";
import { mergeRoomMessages } from "./messagesSlice.js";
import { applyMessageChange } from "./messageEdits.js";
import { removeTypist, upsertTypist } from "./typing.js";
import { applyServerRead, countUnread } from "./unread.js";
import { addReader, readersOf } from "../receipts/seenBy.js";

// The chat slice's part of the reducer: presence, typing, unread counts, edits and deletions, the
// directory, and DMs that others open with us. Pure: timers and joins are returned as effects.

function withChat(state: DuplexState, patch: (chat: ChatSlice) => Partial<ChatSlice>): DuplexState {
  return { ...state, chat: { ...state.chat, ...patch(state.chat) } };
}

/** The DM peer named by a room id and what we know of users; undefined if not a DM of ours. */
function dmPeer(room: string, myId: string | undefined, known: readonly User[]): User | undefined {
  const ids = dmParticipants(room);
  if (!ids || myId === undefined) return undefined;
  const peerId = ids[0] === myId ? ids[1] : ids[0];
  return known.find((u) => u.id === peerId);
}

function learnDmPeer(state: DuplexState, room: string, users: readonly User[]): DuplexState {
  if (!isDmRoom(room) || state.chat.dmPeers[room]) return state;
  const peer = dmPeer(room, state.session.user?.id, users);
  return peer ? withChat(state, (c) => ({ dmPeers: { ...c.dmPeers, [room]: peer } })) : state;
}

/** Members who joined or left (`presence`, `presence_diff`); whoever left stops typing. */
function applyPresence(
  state: DuplexState,
  room: string,
  joined: readonly User[],
  left: readonly User[],
): DuplexState {
  const next = withChat(state, (c) => {
    let typing = c.typing[room];
    for (const user of left) if (typing) typing = removeTypist(typing, user.id);
    return {
      members: { ...c.members, [room]: changeMembers(c.members[room] ?? [], joined, left) },
      ...(typing && { typing: { ...c.typing, [room]: typing } }),
    };
  });
  return learnDmPeer(next, room, [...joined, ...left]);
}

/** A DM someone opened or wrote in that we have not joined: join it (it lists, unread). */
function joinDm(
  state: DuplexState,
  room: string,
  from: User,
  effects: ServerEffect[],
): DuplexState {
  const next = learnDmPeer(state, room, [from]);
  if (!state.rooms.joined.includes(room)) effects.push({ kind: "join", room });
  return next;
}

export function applyChatMessage(
  state: DuplexState,
  message: ServerMessage,
  now: number,
  effects: ServerEffect[],
): DuplexState {
  switch (message.type) {
    case "joined": {
      let next = withChat(state, (c) => ({
        members: { ...c.members, [message.room]: message.members },
        // A resumed room keeps what we learned by paging; a fresh page says whether more exists.
        history:
          message.recovered === true && c.history[message.room]
            ? c.history
            : { ...c.history, [message.room]: { hasMore: message.hasMore, loading: false } },
      }));
      next = learnDmPeer(next, message.room, [
        ...message.members,
        ...message.messages.map((m) => m.from),
      ]);
      const { read, readers, room, seq } = message;
      if (!read && !readers) return next;
      return withChat(next, (c) => ({
        ...(read && { unread: applyServerRead(c.unread, room, read.seq, read.unread, seq) }),
        ...(readers && { seen: { ...c.seen, [room]: readersOf(readers) } }),
      }));
    }
    case "read_cursor":
      return withChat(state, (c) => ({
        unread: applyServerRead(c.unread, message.room, message.seq, message.unread),
      }));
    case "seen":
      return withChat(state, (c) => ({
        seen: addReader(c.seen, message.room, message.user, message.seq),
      }));
    case "left":
      return withChat(state, (c) => {
        const { [message.room]: _members, ...members } = c.members;
        const { [message.room]: _typing, ...typing } = c.typing;
        return { members, typing };
      });
    case "presence":
      return applyPresence(
        state,
        message.room,
        message.event === "join" ? [message.user] : [],
        message.event === "leave" ? [message.user] : [],
      );
    case "presence_diff":
      return applyPresence(state, message.room, message.joined, message.left);
    case "typing":
      if (message.user.id === state.session.user?.id) return state; // another tab of ours
      effects.push({ kind: "sweepTyping" });
      return withChat(state, (c) => ({
        typing: {
          ...c.typing,
          [message.room]: upsertTypist(c.typing[message.room] ?? [], message.user, now),
        },
      }));
    case "message":
      // A DM someone opened with us: list it by joining (the server allows the two participants).
      return isDmRoom(message.room) && !state.rooms.joined.includes(message.room)
        ? joinDm(state, message.room, message.from, effects)
        : state;
    case "dm_invite":
      return joinDm(state, message.room, message.from, effects);
    case "edited":
    case "deleted": {
      const messages = state.messages.byRoom[message.room];
      if (!messages) return state;
      const next = applyMessageChange(messages, message);
      if (next === messages) return state;
      const byRoom = { ...state.messages.byRoom, [message.room]: next };
      return { ...state, messages: { ...state.messages, byRoom } };
    }
    case "rooms":
      return withChat(state, (c) => ({
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
    case "room_update":
      return withChat(state, (c) => {
        const { type: _type, ...summary } = message;
        const rooms = c.directory.rooms.some((r) => r.room === summary.room)
          ? c.directory.rooms.map((r) => (r.room === summary.room ? summary : r))
          : [...c.directory.rooms, summary];
        return { directory: { ...c.directory, rooms } };
      });
    default:
      return state;
  }
}

/**
 * The client's `roomMessages` batch, in one step: merged into its room by `seq` (`reset` replaces the
 * room), counted unread, its senders stop typing, DM peers learned.
 */
export function applyRoomMessages(
  state: DuplexState,
  room: string,
  incoming: readonly ChatMessage[],
  reset: boolean,
  effects: ServerEffect[],
): DuplexState {
  const { rooms, session, chat, messages } = state;
  const merged = mergeRoomMessages(messages.byRoom[room] ?? [], incoming, reset);
  const unread = countUnread(chat.unread, room, incoming, reset, rooms.current, session.user?.id);
  // A message from someone ends their "typing…".
  let typing = chat.typing[room];
  for (const m of incoming) if (typing) typing = removeTypist(typing, m.from.id);
  const next: DuplexState = {
    ...state,
    messages: { ...messages, byRoom: { ...messages.byRoom, [room]: merged } },
    chat: {
      ...chat,
      unread,
      ...(typing && typing !== chat.typing[room] && { typing: { ...chat.typing, [room]: typing } }),
    },
  };
  if (room === rooms.current) effects.push({ kind: "readCurrent" });
  return learnDmPeer(
    next,
    room,
    incoming.map((m) => m.from),
  );
}
