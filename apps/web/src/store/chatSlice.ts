import type { ChatMessage, RoomSummary, User } from "@duplex/protocol";
import type { MembersByRoom } from "./members.js";
import type { TypingByRoom } from "./typing.js";
import type { UnreadState } from "./unread.js";

/** A delete of one of our messages, shown as done but not sent yet. */
export interface HeldDelete {
  room: string;
  id: string;
}

export interface HeldDeleteActions {
  /** Shows the message as deleted and sends the delete after `DELETE_UNDO_MS` unless undone. */
  deleteMessage(room: string, id: string): void;
  /** Takes back a held delete: the message shows again and nothing is sent. */
  undoDelete(id: string): void;
}

/** Where paging a big room's members stands (capability `member_pages`). */
export interface MemberPaging {
  /** The cursor of the next page; undefined before the first page is asked for. */
  next?: string;
  /** No page is left: every online member is held (or was paged). */
  done: boolean;
  loading: boolean;
  failed: boolean;
}

export interface MemberPagesSlice {
  /** Each room's online member count: `joined.memberCount`, then `occupancy` and presence. */
  memberCount: Readonly<Record<string, number>>;
  memberPaging: Readonly<Record<string, MemberPaging>>;
}

export const initialMemberPages: MemberPagesSlice = { memberCount: {}, memberPaging: {} };

export interface MemberPageActions {
  /** Loads the next page of the room's members and merges it by id (pages repeat `joined`'s). */
  loadMoreMembers(room: string): Promise<void>;
  /** Online members whose name contains `query`; rejects when the server refuses. */
  searchMembers(room: string, query: string): Promise<readonly User[]>;
  /** Hears (or stops hearing) every join and leave of a big room while the panel is open. */
  watchMembers(room: string, watch: boolean): void;
}

/** Paging state of a room's older history. */
export interface RoomHistory {
  /** Whether older messages exist on the server before the oldest one we hold. */
  hasMore: boolean;
  loading: boolean;
  error?: string;
}

export interface RoomDirectory {
  rooms: readonly RoomSummary[];
  status: "idle" | "loading" | "ready" | "error";
  error?: string;
}

/** Which side panel is unfolded on a narrow screen. */
export type OpenPanel = "rooms" | "members" | null;

/** The live-chat state: presence, typing, unread counts, history paging, directory, DMs. */
export interface ChatSlice extends MemberPagesSlice {
  members: MembersByRoom;
  typing: TypingByRoom;
  unread: UnreadState;
  history: Readonly<Record<string, RoomHistory>>;
  directory: RoomDirectory;
  /** The other participant of each DM room we know of, for its label. */
  dmPeers: Readonly<Record<string, User>>;
  panel: OpenPanel;
  /** Our deletes waiting out their undo time, oldest first (not sent yet). */
  heldDeletes: readonly HeldDelete[];
  /** Read receipts of others ("seen by"), per room and user: how far each has read. */
  seen: Readonly<Record<string, SeenByRoom>>;
}

/** Who has read a room how far (user id → reader). */
export type SeenByRoom = Readonly<Record<string, { user: User; seq: number }>>;

export const initialChat: ChatSlice = {
  ...initialMemberPages,
  members: {},
  typing: {},
  unread: { counts: {}, seenSeq: {} },
  history: {},
  directory: { rooms: [], status: "idle" },
  dmPeers: {},
  panel: null,
  heldDeletes: [],
  seen: {},
};

export interface ChatActions extends HeldDeleteActions {
  /** The user typed in the composer: tells the room, at most once per `TYPING_THROTTLE_MS`. */
  notifyTyping(): void;
  /**
   * Loads the page before the oldest message held, unless one is loading or none is left.
   * Resolves with the messages it added (none on failure or when nothing was asked).
   */
  loadOlder(room: string): Promise<readonly ChatMessage[]>;
  /** Asks the server for the room directory. */
  refreshDirectory(): void;
  /** Opens (joins) the DM room with `user` and shows it. */
  openDm(user: User): void;
  /** Asks the server to change our message's text; false (nothing sent) if the text is invalid. */
  editMessage(room: string, id: string, text: string): boolean;
  setPanel(panel: OpenPanel): void;
}
