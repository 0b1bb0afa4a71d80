import { checkText, type ChatMessage, type ThreadSummary } from "@duplex/protocol";
import type { ChatClient } from "../store/chatClient.js";
import type { DuplexState, DuplexStore } from "../store/state.js";
import type { ThreadActions, ThreadView } from "./threadTypes.js";

/** A root's summary as known now: learned live, else as its message carried it. */
export function knownSummary(
  state: DuplexState,
  room: string,
  rootId: string,
): ThreadSummary | undefined {
  return (
    state.threads.summaries[rootId] ??
    state.messages.byRoom[room]?.find((m) => m.id === rootId)?.threadSummary
  );
}

function setSummary(store: DuplexStore, rootId: string, summary: ThreadSummary): void {
  store.setState((s) => ({
    threads: { ...s.threads, summaries: { ...s.threads.summaries, [rootId]: summary } },
  }));
}

function setView(store: DuplexStore, view: ThreadView | undefined): void {
  store.setState((s) => ({ threads: { ...s.threads, view } }));
}

/** Marks the open thread read up to its newest reply. */
export function readOpen(client: ChatClient, view: ThreadView): void {
  const last = view.replies.at(-1)?.seq ?? view.root?.seq;
  if (last !== undefined) client.threadRead(view.room, view.rootId, last);
}

export function createThreadActions(
  client: ChatClient,
  getStore: () => DuplexStore,
): ThreadActions {
  return {
    openThread(room, rootId) {
      const store = getStore();
      setView(store, { room, rootId, replies: [], hasMore: false, status: "loading" });
      client.thread(room, rootId).then(
        (reply) => {
          const open = store.getState().threads.view;
          if (open?.rootId !== rootId) return;
          const view: ThreadView = {
            room,
            rootId,
            root: reply.root,
            // Live replies that arrived while loading are kept.
            replies: open.replies.reduce<ChatMessage[]>(
              (all, m) => (all.some((r) => r.id === m.id) ? all : [...all, m]),
              reply.replies,
            ),
            hasMore: reply.hasMore,
            status: "ready",
          };
          setView(store, view);
          if (reply.root.threadSummary) setSummary(store, rootId, reply.root.threadSummary);
          readOpen(client, view);
        },
        () => {
          const open = store.getState().threads.view;
          if (open?.rootId === rootId) setView(store, { ...open, status: "failed" });
        },
      );
    },
    closeThread() {
      setView(getStore(), undefined);
    },
    sendThreadReply(text, alsoToRoom) {
      const view = getStore().getState().threads.view;
      if (!view || !checkText(text).ok) return false;
      client.send(view.room, text, { thread: view.rootId, alsoToRoom });
      return true;
    },
  };
}
