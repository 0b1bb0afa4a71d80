import type { KeyValueStorage } from "@duplex/client";
import { createCompareActions } from "../inspector/compare/compareActions.js";
import { checkText, type ServerMessage } from "@duplex/protocol";
import { createStore } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexActions, DuplexState, DuplexStore, HttpCall } from "./state.js";
import { attachChatEvents, createChatActions } from "./chatFeatures.js";
import { initialChat } from "./chatSlice.js";
import { applyConnectionState, initialConnection } from "./connectionSlice.js";
import { mergeRoomMessages, type MessagesSlice } from "./messagesSlice.js";
import { DEFAULT_ROOM, addRoom, removeRoom } from "./roomsSlice.js";
import { NAME_STORAGE_KEY, checkName } from "./sessionSlice.js";
import { initialNotifications } from "./notificationsSlice.js";
import { attachPushEvents, createPushActions } from "./pushFeatures.js";
import { attachDmSeen } from "./dmNotificationsSeen.js";
import { createHeldDeleteActions } from "./heldDeletes.js";
import { createAccountActions } from "./accountActions.js";
import { createAccountApi } from "./accountApi.js";
import { createPasskeyActions } from "./passkeyActions.js";
import { attachSavedRooms, type SavedRoomsSync } from "./savedRooms.js";
import { readKnownRooms, rememberKnownRooms } from "./knownRooms.js";
import { initialStats } from "./statsSlice.js";
import { applyMemberPages, createMemberPageActions } from "./memberPages.js";
import { createModerationActions, initialModeration } from "./moderation.js";
import { readSystemOptIn } from "./systemNotifications.js";
import { attachSessionEnd } from "./sessionEnd.js";
import { attachJoinRefusals } from "./joinRefusals.js";
import { attachReactions, createReactionActions } from "../reactions/reactionActions.js";
import { attachInspectorEvents, createInspectorActions } from "../inspector/inspectorFeatures.js";
import { initialInspector } from "../inspector/inspectorSlice.js";
import { attachUploadAvailability, createFileActions } from "../files/fileActions.js";
import { attachPrefs, createPrefsActions } from "../prefs/prefsActions.js";
import { initialPrefs } from "../prefs/prefsSlice.js";
import { uploadPortOf } from "../files/uploadPort.js";
import { initialFiles } from "../files/uploadsSlice.js";
import { attachThreads, createThreadActions } from "../threads/threadActions.js";
import { initialThreads } from "../threads/threadTypes.js";

export type { DuplexActions, DuplexState, DuplexStore } from "./state.js";

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
  const uploads = uploadPortOf(client);
  const known = readKnownRooms(storage);

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
        client.send(room, text); // the entry arrives through the client's `outbox` event
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
      ...createReactionActions(client, () => store),
      ...createFileActions(uploads, () => store),
      ...createThreadActions(client, () => store),
      ...createCompareActions(() => client.token, http),
      ...createPrefsActions(client, () => store),
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
      rooms: { joined: [], current: DEFAULT_ROOM, ...(known.length > 0 && { known }) },
      messages: { byRoom: {}, outbox: client.outbox },
      chat: initialChat,
      notifications: { ...initialNotifications, systemEnabled: readSystemOptIn(storage) },
      stats: initialStats,
      inspector: initialInspector,
      moderation: initialModeration,
      files: initialFiles,
      threads: initialThreads,
      prefs: initialPrefs,
      actions,
    };
  });

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
  client.on("transport", (transport) =>
    store.setState((s) => ({ connection: { ...s.connection, transport } })),
  );
  client.on("user", (user) => store.setState((s) => ({ session: { ...s.session, user } })));
  client.on("outbox", (outbox) => setMessages({ outbox }));
  client.on("roomMessages", (room, incoming, reset) => {
    const { byRoom: rooms } = store.getState().messages;
    setMessages({
      byRoom: { ...rooms, [room]: mergeRoomMessages(rooms[room] ?? [], incoming, reset) },
    });
  });
  client.on("message", onServerMessage);
  client.on("message", (message) => applyMemberPages(store, message));
  attachChatEvents(client, store);
  attachPushEvents(client, store);
  attachInspectorEvents(client, store);
  saved.sync = attachSavedRooms(client, store);
  rememberKnownRooms(store, storage);
  attachDmSeen(store);
  attachSessionEnd(client, store, storage);
  attachJoinRefusals(client, store);
  attachReactions(client, store);
  attachUploadAvailability(client, uploads, store);
  attachThreads(client, store);
  attachPrefs(client, store);

  return store;
}
