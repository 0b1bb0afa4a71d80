import type { ChatMessage } from "@duplex/protocol";
import { isDmRoom } from "@duplex/protocol";

/**
 * Unread counts and the last `seq` seen, per room. With a node that keeps read cursors
 * (`read_receipts`) the server's cursor is the one source: its counts (`joined.read`, `rooms.reads`,
 * `read_cursor`) replace ours, and only messages that arrive after them are counted here.
 */
export interface UnreadState {
  counts: Readonly<Record<string, number>>;
  seenSeq: Readonly<Record<string, number>>;
}

/**
 * Folds a batch of a room's messages into the unread state. The open room is read as it arrives.
 * Elsewhere, others' messages past the last seen `seq` count (a replay never counts twice). A first
 * page (`reset`) of a room never seen is history, not news — except a DM someone just opened with us.
 */
export function countUnread(
  state: UnreadState,
  room: string,
  incoming: readonly ChatMessage[],
  reset: boolean,
  currentRoom: string | undefined,
  myId: string | undefined,
): UnreadState {
  const last = incoming.at(-1);
  if (last === undefined) return state;
  const seen = state.seenSeq[room];
  const maxSeq = Math.max(seen ?? 0, last.seq);
  if (room === currentRoom) return markSeen(state, room, maxSeq);
  if (seen === undefined && reset && !isDmRoom(room)) {
    return { ...state, seenSeq: { ...state.seenSeq, [room]: maxSeq } };
  }
  const fresh = incoming.filter(
    (m) => m.from.id !== myId && m.seq > (seen ?? 0) && m.deleted !== true,
  ).length;
  if (fresh === 0) return state;
  return {
    counts: { ...state.counts, [room]: (state.counts[room] ?? 0) + fresh },
    seenSeq: { ...state.seenSeq, [room]: maxSeq },
  };
}

/** The user looked at `room`: nothing in it is unread up to `seq`. */
export function markSeen(state: UnreadState, room: string, seq: number): UnreadState {
  if ((state.counts[room] ?? 0) === 0 && (state.seenSeq[room] ?? -1) >= seq) return state;
  return {
    counts: { ...state.counts, [room]: 0 },
    seenSeq: { ...state.seenSeq, [room]: Math.max(seq, state.seenSeq[room] ?? 0) },
  };
}

/**
 * The server's word on `room`: read up to `seq`, `unread` messages after it (counted up to `upTo`, the
 * room's head when the server counted). Replaces our count; never moves the seen `seq` back.
 */
export function applyServerRead(
  state: UnreadState,
  room: string,
  seq: number,
  unread: number,
  upTo: number = seq,
): UnreadState {
  const seen = Math.max(state.seenSeq[room] ?? 0, upTo, seq);
  if (state.counts[room] === unread && state.seenSeq[room] === seen) return state;
  return {
    counts: { ...state.counts, [room]: unread },
    seenSeq: { ...state.seenSeq, [room]: seen },
  };
}
