import type { ServerMessage } from "@duplex/protocol";
import type { DuplexState } from "./state.js";
import type { Applied, ServerEffect, ServerEvent } from "./serverEvent.js";
import { applyChatMessage, applyRoomMessages } from "./chatEvents.js";
import { applyConnectionState } from "./connectionSlice.js";
import { applyMemberPages } from "./memberPages.js";
import { initialModeration } from "./moderation.js";
import { applyPushMessage } from "./pushEvents.js";
import { applyJoinRefused, applyRoomsMessage, restoreRooms } from "./roomEvents.js";
import { DEFAULT_ROOM } from "./roomsSlice.js";
import { sessionEndOf } from "./sessionEnd.js";
import { applyInspectorFrame, applyInspectorMessage } from "../inspector/inspectorEvents.js";
import { prefsFromFrame } from "../prefs/prefsSlice.js";
import { applyReaction } from "../reactions/applyReaction.js";
import { applyThreadMessage } from "../threads/threadEvents.js";

/**
 * The store's one reducer (in the spirit of Phoenix's `syncDiff`): the state after one event the
 * client reported, and what must happen outside because of it. Pure: no client, no timers, no
 * storage; `now` is the time the event arrived. One event is one `setState`.
 */
export function applyServerEvent(
  state: DuplexState,
  event: ServerEvent,
  now: number,
): Applied<DuplexState> {
  const effects: ServerEffect[] = [];
  switch (event.type) {
    case "state":
      return {
        state: withUploads(applyStatus(state, event.state, effects), event.uploads),
        effects,
      };
    case "user": {
      // Another account signed in on this page: what the last one could do no longer holds.
      const other = event.user.id !== state.session.user?.id;
      const next: DuplexState = {
        ...state,
        session: { ...state.session, user: event.user },
        ...(other && { moderation: initialModeration }),
      };
      return { state: withUploads(next, event.uploads), effects };
    }
    case "rtt":
      return {
        state: { ...state, connection: { ...state.connection, rttMs: event.rttMs } },
        effects,
      };
    case "transport":
      return {
        state: { ...state, connection: { ...state.connection, transport: event.transport } },
        effects,
      };
    case "outbox": {
      // A sent message ends "typing…" on the other side, so the next keystroke may announce it again.
      if (event.entries.length > state.messages.outbox.length) {
        effects.push({ kind: "typingEnded", rooms: event.entries.map((e) => e.room) });
      }
      return {
        state: { ...state, messages: { ...state.messages, outbox: event.entries } },
        effects,
      };
    }
    case "roomMessages": {
      const { room, messages, reset } = event;
      return { state: applyRoomMessages(state, room, messages, reset, effects), effects };
    }
    case "message":
      return { state: applyMessage(state, event.message, now, effects), effects };
    case "joinRefused":
      return { state: applyJoinRefused(state, event.room, event.error), effects };
    case "frame":
      return {
        state: { ...state, inspector: applyInspectorFrame(state.inspector, event.frame) },
        effects,
      };
    case "roomsUnavailable":
      // Without an answer the user would sit in a room never joined: fall back to the default one.
      return {
        state: state.page.roomsRestored ? state : restoreRooms(state, [], undefined, effects),
        effects,
      };
  }
}

/** A connection state: what a new socket must be asked again, and a session the server ended. */
function applyStatus(
  state: DuplexState,
  status: Extract<ServerEvent, { type: "state" }>["state"],
  effects: ServerEffect[],
): DuplexState {
  const next = { ...state, connection: applyConnectionState(state.connection, status) };
  if (status.status === "open") {
    // Subscriptions and inspecting live on one socket: a new one starts without them.
    if (state.stats.visible) effects.push({ kind: "subscribeStats" });
    if (state.inspector.open) effects.push({ kind: "inspect" });
    effects.push({ kind: "askRooms" });
    return next;
  }
  if (status.status !== "closed") return next;
  const ended = sessionEndOf(status.lastClose?.code);
  if (ended === undefined || state.session.name === undefined) return next;
  effects.push({ kind: "endSession", ended });
  if (ended === "banned") {
    // Nothing of a banned identity is kept: its queue, rooms and token go.
    return {
      ...next,
      session: { name: undefined, user: undefined, ended },
      rooms: { joined: [], current: DEFAULT_ROOM },
      messages: { ...next.messages, byRoom: {} },
    };
  }
  // Revoked: the client already dropped the token and holds what was unsent, to be re-sent only
  // if the user says so once signed in again.
  return { ...next, session: { name: undefined, user: undefined, ended } };
}

/** Keeps `files.available` true exactly while the connection's node granted `files`. */
function withUploads(state: DuplexState, uploads: boolean | undefined): DuplexState {
  // Only an open connection knows; while reconnecting the button stays as it was.
  if (uploads === undefined || state.files.available === uploads) return state;
  return { ...state, files: { ...state.files, available: uploads } };
}

function applyMessage(
  state: DuplexState,
  message: ServerMessage,
  now: number,
  effects: ServerEffect[],
): DuplexState {
  let next = applyRoomsMessage(state, message, effects);
  const chat = applyMemberPages(next.chat, message);
  if (chat !== next.chat) next = { ...next, chat };
  next = applyChatMessage(next, message, now, effects);
  next = applyPushMessage(next, message, now);
  const inspector = applyInspectorMessage(next.inspector, message, effects);
  if (inspector !== next.inspector) next = { ...next, inspector };
  next = applyThreadMessage(next, message, effects);
  switch (message.type) {
    case "reaction": {
      const messages = next.messages.byRoom[message.room];
      const changed = messages && applyReaction(messages, message, next.session.user?.id);
      if (!changed || changed === messages) return next;
      const byRoom = { ...next.messages.byRoom, [message.room]: changed };
      return { ...next, messages: { ...next.messages, byRoom } };
    }
    case "prefs": {
      // Not sharing reads means seeing nobody's: the "seen by" held are dropped.
      const prefs = prefsFromFrame(message);
      return { ...next, prefs, ...(!prefs.shareReceipts && { chat: { ...next.chat, seen: {} } }) };
    }
    default:
      return next;
  }
}
