import type { KeyValueStorage } from "@duplex/client";
import { createCompareActions } from "../inspector/compare/compareActions.js";
import { checkText } from "@duplex/protocol";
import { createStore } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexActions, DuplexState, DuplexStore, HttpCall } from "./state.js";
import { attachReads, createChatActions } from "./chatFeatures.js";
import { initialChat } from "./chatSlice.js";
import { initialConnection } from "./connectionSlice.js";
import { DEFAULT_ROOM, removeRoom } from "./roomsSlice.js";
import { NAME_STORAGE_KEY, checkName } from "./sessionSlice.js";
import { initialNotifications } from "./notificationsSlice.js";
import { attachFocusFollow, createPushActions } from "./pushFeatures.js";
import { attachDmSeen } from "./dmNotificationsSeen.js";
import { createHeldDeleteActions } from "./heldDeletes.js";
import { createAccountActions } from "./accountActions.js";
import { createAccountApi } from "./accountApi.js";
import { createPasskeyActions } from "./passkeyActions.js";
import { savedRoomsSync } from "./savedRooms.js";
import { readKnownRooms, rememberKnownRooms } from "./knownRooms.js";
import { initialStats } from "./statsSlice.js";
import { createMemberPageActions } from "./memberPages.js";
import { createModerationActions, initialModeration } from "./moderation.js";
import { readSystemOptIn } from "./systemNotifications.js";
import { createReactionActions } from "../reactions/reactionActions.js";
import { createInspectorActions } from "../inspector/inspectorFeatures.js";
import { initialInspector } from "../inspector/inspectorSlice.js";
import { createFileActions } from "../files/fileActions.js";
import { createPrefsActions } from "../prefs/prefsActions.js";
import { initialPrefs } from "../prefs/prefsSlice.js";
import { uploadPortOf } from "../files/uploadPort.js";
import { initialFiles } from "../files/uploadsSlice.js";
import { createThreadActions } from "../threads/threadActions.js";
import { initialThreads } from "../threads/threadTypes.js";
import { initialPage } from "./roomEvents.js";
import { attachServerEvents } from "./serverEvents.js";
import { createServerEffects } from "./serverEffects.js";

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
  const saved = savedRoomsSync(client, () => store);
  const lastTypingSent = new Map<string, number>();
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
        if (!get().rooms.joined.includes(room)) saved.start(room);
        return check;
      },
      restoreSession() {
        const name = storage?.getItem(NAME_STORAGE_KEY);
        return name != null && actions.signIn(name).ok;
      },
      sendMessage(text) {
        const room = get().rooms.current;
        if (room === undefined) return false;
        try {
          client.send(room, text); // the entry arrives through the client's `outbox` event
          return true;
        } catch {
          return false; // the client refuses text the server would (blank, too long): nothing sent
        }
      },
      joinRoom(room) {
        showRoom(room);
        saved.opened(room);
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
      ...createChatActions(client, get, set, (room) => actions.joinRoom(room), lastTypingSent),
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
      page: initialPage,
      actions,
    };
  });

  const readCurrent = attachReads(client, store);
  const dispatch = attachServerEvents(
    client,
    store,
    () => uploads?.granted() === true,
    createServerEffects({
      client,
      store,
      storage,
      readCurrent,
      lastTypingSent,
      dispatchRoomsUnavailable: () => dispatch({ type: "roomsUnavailable" }),
    }),
  );
  attachFocusFollow(store);
  rememberKnownRooms(store, storage);
  attachDmSeen(store);

  return store;
}
