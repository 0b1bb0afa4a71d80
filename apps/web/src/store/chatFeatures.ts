import { LIMITS, checkText, dmRoomId } from "@duplex/protocol";
import { t } from "../i18n/localeStore.js";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { ChatActions, ChatSlice } from "./chatSlice.js";
import type { DuplexState } from "./state.js";
import type { HeldDeleteActions } from "./heldDeletes.js";
import { mergeRoomMessages } from "./messagesSlice.js";
import { TYPING_THROTTLE_MS } from "./typing.js";
import { markSeen } from "./unread.js";
import { ReadSender } from "../receipts/readSender.js";

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
  /** When each room last announced typing; the effects clear a room once a message was queued. */
  lastTypingSent: Map<string, number>,
): Omit<ChatActions, keyof HeldDeleteActions> {
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

/**
 * Read receipts: the open room's newest message is on screen (and the tab visible), so the server
 * hears of it. Opening a room reads it; so does the tab coming back. Returns the check, which the
 * effects run when new messages reach the open room.
 */
export function attachReads(client: ChatClient, store: StoreApi<DuplexState>): () => void {
  const { getState: get, setState: set } = store;
  const reads = new ReadSender((room, seq) => client.read(room, seq));
  const visible = () => typeof document === "undefined" || document.visibilityState === "visible";
  function readCurrent(): void {
    const { rooms, messages } = get();
    const room = rooms.current;
    const last = room === undefined ? undefined : messages.byRoom[room]?.at(-1)?.seq;
    if (room !== undefined && last !== undefined && visible()) reads.mark(room, last);
  }
  if (typeof document !== "undefined") document.addEventListener("visibilitychange", readCurrent);
  store.subscribe((state, prev) => {
    const room = state.rooms.current;
    if (room === undefined || room === prev.rooms.current) return;
    const last = state.messages.byRoom[room]?.at(-1)?.seq ?? 0;
    const unread = markSeen(state.chat.unread, room, last);
    if (unread !== state.chat.unread) patchChat(set, () => ({ unread }));
    readCurrent();
  });
  return readCurrent;
}
