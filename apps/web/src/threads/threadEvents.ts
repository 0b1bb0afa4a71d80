import type { ServerMessage, ThreadSummary } from "@duplex/protocol";
import type { DuplexState } from "../store/state.js";
import type { ServerEffect } from "../store/serverEvent.js";
import { knownSummary } from "./threadActions.js";
import { withReply } from "./threadState.js";

const EMPTY: ThreadSummary = { replyCount: 0, lastReplyAt: 0, lastSeq: 0, participants: [] };

function withSummary(state: DuplexState, rootId: string, summary: ThreadSummary): DuplexState {
  const summaries = { ...state.threads.summaries, [rootId]: summary };
  return { ...state, threads: { ...state.threads, summaries } };
}

/** The threads' part of the reducer: the open thread, and the roots' summaries and unread counts. */
export function applyThreadMessage(
  state: DuplexState,
  message: ServerMessage,
  effects: ServerEffect[],
): DuplexState {
  switch (message.type) {
    case "message": {
      const root = message.thread?.root;
      if (root === undefined) return state;
      const view = state.threads.view;
      const mine = message.from.id === state.session.user?.id;
      const onScreen = view?.rootId === root;
      let next = state;
      if (onScreen) {
        const open = withReply(view, message);
        next = { ...next, threads: { ...next.threads, view: open } };
        // Marks the open thread read up to its newest reply.
        if (!mine) effects.push({ kind: "readThread", view: open });
      }
      const known = knownSummary(state, message.room, root);
      const iStarted =
        state.messages.byRoom[message.room]?.find((m) => m.id === root)?.from.id ===
        state.session.user?.id;
      const following = mine || iStarted || known?.following === true;
      const unread =
        mine || onScreen || !following ? (known?.unread ?? 0) : (known?.unread ?? 0) + 1;
      return withSummary(next, root, { ...(known ?? EMPTY), following, unread });
    }
    case "thread_summary": {
      const known = knownSummary(state, message.room, message.root);
      return withSummary(state, message.root, {
        ...message.summary,
        following: known?.following ?? false,
        unread: known?.unread ?? 0,
      });
    }
    case "thread_read": {
      const known = knownSummary(state, message.room, message.root);
      return withSummary(state, message.root, {
        ...(known ?? EMPTY),
        following: true,
        unread: message.unread,
      });
    }
    default:
      return state;
  }
}
