import type { KeyValueStorage, OutboxEntry } from "@duplex/client";
import { checkText, type ServerMessage } from "@duplex/protocol";
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import { attachChatEvents, createChatActions } from "./chatFeatures.js";
import { initialChat, type ChatActions, type ChatSlice } from "./chatSlice.js";
import {
  applyConnectionState,
  initialConnection,
  type ConnectionSlice,
} from "./connectionSlice.js";
import {
  mergeRoomMessages,
  pruneAcked,
  reconcileOutbox,
  type MessagesSlice,
} from "./messagesSlice.js";
import { DEFAULT_ROOM, addRoom, removeRoom, type RoomsSlice } from "./roomsSlice.js";
import { NAME_STORAGE_KEY, checkName, type NameCheck, type SessionSlice } from "./sessionSlice.js";
import {
  initialNotifications,
  type NotificationActions,
  type NotificationsSlice,
} from "./notificationsSlice.js";
import { attachPushEvents, createPushActions } from "./pushFeatures.js";
import { attachDmSeen } from "./dmNotificationsSeen.js";
import { createHeldDeleteActions } from "./heldDeletes.js";
import { createAccountActions, type AccountActions, type HttpCall } from "./accountActions.js";
import { createAccountApi, type AccountApi } from "./accountApi.js";
import { createPasskeyActions, type PasskeyActions } from "./passkeyActions.js";
import { attachSavedRooms, type SavedRoomsSync } from "./savedRooms.js";
import { initialStats, type StatsSlice } from "./statsSlice.js";
import {
  applyMemberPages,
  createMemberPageActions,
  type MemberPageActions,
} from "./memberPages.js";
import {
  createModerationActions,
  initialModeration,
  type ModerationActions,
  type ModerationSlice,
} from "./moderation.js";
import { readSystemOptIn } from "./systemNotifications.js";
import {
  attachInspectorEvents,
  createInspectorActions,
  type InspectorActions,
} from "../inspector/inspectorFeatures.js";
import { initialInspector, type InspectorSlice } from "../inspector/inspectorSlice.js";

export interface DuplexActions
  extends
    ChatActions,
    NotificationActions,
    InspectorActions,
    AccountActions,
    AccountApi,
    PasskeyActions,
    MemberPageActions,
    ModerationActions {
  /** Checks the name, remembers it, connects and opens `#general`. */
  signIn(name: string): NameCheck;
  /** Signs in again with the name remembered from an earlier visit; false if there is none. */
  restoreSession(): boolean;
  /** Queues `text` for the current room; false (and nothing sent) if it is blank or too long. */
  sendMessage(text: string): boolean;
  /** Joins a room and shows it. */
  joinRoom(room: string): void;
  leaveRoom(room: string): void;
  /** Connects again after the client gave up (a fatal close); it reconnects by itself otherwise. */
  reconnect(): void;
  /** Sends a failed message again, with the same `cid`. */
  retryMessage(cid: string): void;
  /** Removes a failed message from the outbox. */
  discardMessage(cid: string): void;
}

export interface DuplexState {
  connection: ConnectionSlice;
  session: SessionSlice;
  rooms: RoomsSlice;
  messages: MessagesSlice;
  chat: ChatSlice;
  notifications: NotificationsSlice;
  stats: StatsSlice;
  inspector: InspectorSlice;
  moderation: ModerationSlice;
  actions: DuplexActions;
}

export type DuplexStore = StoreApi<DuplexState>;

export interface DuplexStoreOptions {
  /** Where the chosen name is remembered across reloads. @default no persistence */
  storage?: KeyValueStorage;
  /** How the account API is called. @default the global `fetch`, same origin */
  http?: HttpCall;
}

/** Whether the composer may send this text: the protocol's own rule (not blank, within the limit). */
export function canSend(text: string): boolean {
  return checkText(text).ok;
}

/**
 * The app's state and actions around one client. The client lives in this closure, never in state:
 * components call actions and never touch the socket (StrictMode would open two — partykit#336).
 */
export function createDuplexStore(
  client: ChatClient,
  options: DuplexStoreOptions = {},
): DuplexStore {
  const { storage } = options;
  const http: HttpCall = options.http ?? ((path, init) => fetch(path, init));
  // Filled right after the store exists; actions only run later, from the UI.
  const saved: { sync?: SavedRoomsSync } = {};

  const store = createStore<DuplexState>()((set, get) => {
    function showRoom(room: string): void {
      // Already joined rooms are only switched to; the client re-joins them itself after a reconnect.
      if (!get().rooms.joined.includes(room)) client.join(room);
      set((s) => ({ rooms: { ...s.rooms, current: room } }));
    }

    const actions: DuplexActions = {
      signIn(input) {
        const check = checkName(input);
        if (!check.ok) return check;
        storage?.setItem(NAME_STORAGE_KEY, check.name);
        set((s) => ({ session: { ...s.session, name: check.name } }));
        client.setName(check.name);
        client.connect();
        const room = get().rooms.current ?? DEFAULT_ROOM;
        set((s) => ({ rooms: { ...s.rooms, current: room } }));
        if (!get().rooms.joined.includes(room)) saved.sync?.start(room);
        return check;
      },
      restoreSession() {
        const name = storage?.getItem(NAME_STORAGE_KEY);
        return name != null && actions.signIn(name).ok;
      },
      sendMessage(text) {
        const room = get().rooms.current;
        if (room === undefined || !canSend(text)) return false;
        const entry = client.send(room, text);
        upsertOutboxEntry(entry);
        return true;
      },
      joinRoom(room) {
        showRoom(room);
        saved.sync?.opened(room);
      },
      reconnect() {
        client.connect();
      },
      retryMessage(cid) {
        client.retry(cid);
      },
      discardMessage(cid) {
        client.discard(cid);
      },
      ...createChatActions(client, get, set, (room) => actions.joinRoom(room)),
      ...createHeldDeleteActions(client, set),
      ...createPushActions(client, get, set, (room) => actions.joinRoom(room), storage),
      ...createInspectorActions(client, get, set),
      ...createAccountActions(client, () => store, http, storage),
      ...createAccountApi(() => client.token, http),
      ...createPasskeyActions(client, () => store, http),
      ...createMemberPageActions(client, () => store),
      ...createModerationActions(client, () => store, http),
      leaveRoom(room) {
        client.leave(room);
        set((s) => {
          const joined = removeRoom(s.rooms.joined, room);
          // Leaving the room on screen shows another; leaving the last one shows none (not a room we
          // are no longer in, where nothing could be sent).
          const current = s.rooms.current === room ? joined[0] : s.rooms.current;
          return { rooms: { joined, current } };
        });
      },
    };

    return {
      connection: initialConnection(client.state, client.rttMs),
      session: { name: undefined, user: client.user },
      rooms: { joined: [], current: DEFAULT_ROOM },
      messages: { byRoom: {}, outbox: client.outbox },
      chat: initialChat,
      notifications: { ...initialNotifications, systemEnabled: readSystemOptIn(storage) },
      stats: initialStats,
      inspector: initialInspector,
      moderation: initialModeration,
      actions,
    };
  });

  // The client may report the entry through its `outbox` event before or after `send` returns.
  function upsertOutboxEntry(entry: OutboxEntry): void {
    const { outbox } = store.getState().messages;
    if (outbox.some((e) => e.cid === entry.cid)) return;
    setMessages({ outbox: [...outbox, entry] });
  }

  function setMessages(patch: Partial<MessagesSlice>): void {
    store.setState((s) => ({ messages: { ...s.messages, ...patch } }));
  }

  function onServerMessage(message: ServerMessage): void {
    // Only room membership is read here; chat messages arrive de-duplicated via `roomMessages`.
    if (message.type === "joined") {
      store.setState((s) => ({
        rooms: { ...s.rooms, joined: addRoom(s.rooms.joined, message.room) },
      }));
    } else if (message.type === "left") {
      store.setState((s) => ({
        rooms: { ...s.rooms, joined: removeRoom(s.rooms.joined, message.room) },
      }));
    }
  }

  client.on("state", (state) =>
    store.setState((s) => ({ connection: applyConnectionState(s.connection, state) })),
  );
  client.on("rtt", (rttMs) => store.setState((s) => ({ connection: { ...s.connection, rttMs } })));
  client.on("user", (user) => store.setState((s) => ({ session: { ...s.session, user } })));
  client.on("outbox", (entries) => {
    const { outbox, byRoom } = store.getState().messages;
    setMessages({ outbox: reconcileOutbox(outbox, entries, byRoom) });
  });
  client.on("roomMessages", (room, incoming, reset) => {
    const { byRoom: rooms, outbox } = store.getState().messages;
    const byRoom = { ...rooms, [room]: mergeRoomMessages(rooms[room] ?? [], incoming, reset) };
    setMessages({ byRoom, outbox: pruneAcked(outbox, byRoom) });
  });
  client.on("message", onServerMessage);
  client.on("message", (message) => applyMemberPages(store, message));
  attachChatEvents(client, store);
  attachPushEvents(client, store);
  attachInspectorEvents(client, store);
  saved.sync = attachSavedRooms(client, store);
  attachDmSeen(store);

  return store;
}
