import type { PasskeyInfo, SessionInfo } from "@duplex/protocol";
import type { CompareActions } from "../inspector/compare/compareActions.js";
import type { AuditResponse, PushDevice, UserRole } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { InspectorSlice } from "../inspector/inspectorSlice.js";
import type { ChatActions, ChatSlice, MemberPageActions } from "./chatSlice.js";
import type { ReactionActions } from "../reactions/reactionTypes.js";
import type { ConnectionSlice } from "./connectionSlice.js";
import type { MessagesSlice } from "./messagesSlice.js";
import type { NotificationActions, NotificationsSlice } from "./notificationsSlice.js";
import type { RoomsSlice } from "./roomsSlice.js";
import type { NameCheck, SessionSlice } from "./sessionSlice.js";
import type { StatsSlice } from "./statsSlice.js";
import type { FileActions, FilesSlice } from "../files/uploadsSlice.js";
import type { ThreadActions, ThreadsSlice } from "../threads/threadTypes.js";
import type { PrefsActions, PrefsSlice } from "../prefs/prefsSlice.js";

// The store's state and action types, in one file that imports no feature module: the features and
// the composing `createDuplexStore` import these, and nothing here imports them back.

/** How the app reaches the account API: `fetch` in the browser, a stand-in in component tests. */
export type HttpCall = (path: string, init: RequestInit) => Promise<Response>;

/** Why an account request failed, as a dictionary key the form shows. */
export type AccountProblem =
  | "account.wrong"
  | "account.taken"
  | "account.weak"
  | "account.tooMany"
  | "account.banned"
  | "account.failed"
  | "passkeys.cancelled"
  | "passkeys.notRecognised";

export type AccountResult = { ok: true } | { ok: false; problem: AccountProblem; detail?: string };

export interface AccountActions {
  /** Registers (`register`) or signs in (`login`) with a password, then connects as that account. */
  signInWithPassword(
    mode: "register" | "login",
    name: string,
    password: string,
  ): Promise<AccountResult>;
  /** Ends the session on the server (its sockets close everywhere) and shows the sign-in screen. */
  signOut(): Promise<void>;
}

export type AuditEntry = AuditResponse["entries"][number];

/** An answer of the account API: the data, or why not (`forbidden`: not an owner or admin). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: "forbidden" | "failed" };

export interface AccountApi {
  /** The devices this account is signed in on, the asking one marked `current`. */
  listSessions(): Promise<ApiResult<SessionInfo[]>>;
  /** Signs one device out (its sockets close with 4401). */
  revokeSession(id: string): Promise<boolean>;
  /** Signs out every device but this one; false if any could not be. */
  revokeOtherSessions(): Promise<boolean>;
  /** The moderation log, newest first (owners and admins; `forbidden` for anyone else). */
  auditLog(): Promise<ApiResult<AuditEntry[]>>;
}

/** What the signed-in account may do to other members (learned from the account API). */
export interface ModerationSlice {
  /** An owner or admin account: may mute and ban. Undefined until asked. */
  moderator?: boolean;
  /** Our role, from `GET /api/auth/me`; undefined until known (or when the token was refused). */
  role?: UserRole;
  /** Private rooms we may remove members from (we own the room, or we are a moderator). */
  manages: Readonly<Record<string, boolean>>;
}

export type ModerationResult = { ok: true } | { ok: false; error: string };

export interface ModerationActions {
  /** Asks the server who we are (`GET /api/auth/me`), once per signed-in user; undefined if refused. */
  loadRole(): Promise<UserRole | undefined>;
  /** Learns, once per session and once per room, whether we may mute and remove in `room`. */
  loadModeration(room: string): Promise<void>;
  /** Mutes `user` in `room` for `durationMs` (`POST /api/admin/mute`). */
  muteMember(room: string, user: string, durationMs: number): Promise<ModerationResult>;
  /** Ends the mute of `user` in `room` (`POST /api/admin/unmute`). */
  unmuteMember(room: string, user: string): Promise<ModerationResult>;
  /** Bans `user` from the server: every tab closes, sign-in refused (`POST /api/admin/ban`). */
  banMember(user: string): Promise<ModerationResult>;
  /** Lets a banned `user` sign in again (`POST /api/admin/unban`). */
  unbanMember(user: string): Promise<ModerationResult>;
  /** Removes `user` from the private `room` (`POST /api/rooms/remove`). */
  removeMember(room: string, user: string): Promise<ModerationResult>;
  /** Adds `user` to the private `room` (`POST /api/rooms/invite`). */
  inviteMember(room: string, user: string): Promise<ModerationResult>;
  /** The devices `user` registered for Web Push (owners and admins); undefined if refused or failed. */
  pushDevices(user: string): Promise<PushDevice[] | undefined>;
}

export interface InspectorActions {
  /** Shows or hides the inspector; while shown the server reports this connection's control frames. */
  setInspectorOpen(open: boolean): void;
  setInspectorPaused(paused: boolean): void;
  /** `"all"` or one message type. */
  setInspectorFilter(filter: string): void;
  /** Measures a plain HTTP request (header bytes) and times a fresh `GET /healthz`. */
  measureHttp(): Promise<void>;
  /** Starts the close handshake with this code and reason; the client then stays closed. */
  closeWithCode(code: number, reason: string): void;
  /** The connection's trace (handshake, frames, heartbeats, close) as JSON, for download. */
  inspectorTrace(): string;
}

/** Why adding a passkey failed, as a dictionary key. */
export type PasskeyProblem = "passkeys.cancelled" | "passkeys.unsupported" | "passkeys.addFailed";

export interface PasskeyActions {
  /** Asks the browser for one of this site's passkeys, then connects as its account. */
  signInWithPasskey(): Promise<AccountResult>;
  /** Creates a passkey for the signed-in account. */
  addPasskey(label: string): Promise<{ ok: true } | { ok: false; problem: PasskeyProblem }>;
  listPasskeys(): Promise<ApiResult<PasskeyInfo[]>>;
  removePasskey(id: string): Promise<boolean>;
}

export interface DuplexActions
  extends
    ChatActions,
    NotificationActions,
    InspectorActions,
    AccountActions,
    AccountApi,
    PasskeyActions,
    MemberPageActions,
    ModerationActions,
    ReactionActions,
    FileActions,
    ThreadActions,
    CompareActions,
    PrefsActions {
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

/**
 * What this page learned from its first answers, across reconnects and sign-outs: when it first
 * connected (older replayed notifications wait in the bell) and whether the saved rooms came back.
 */
export interface PageSlice {
  /** The server time of this page's first `welcome`. */
  connectedAt?: number;
  /** The server's saved rooms were restored (or could not be asked for). */
  roomsRestored: boolean;
  /** The user picked a room before they were restored: theirs wins. */
  navigated: boolean;
  /** The room sign-in shows, joined only if the server remembers none. */
  startRoom?: string;
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
  files: FilesSlice;
  threads: ThreadsSlice;
  /** Notification preferences (the server's `prefs`). */
  prefs: PrefsSlice;
  page: PageSlice;
  actions: DuplexActions;
}

export type DuplexStore = StoreApi<DuplexState>;
