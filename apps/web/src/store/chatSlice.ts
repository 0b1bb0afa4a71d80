import type { ChatMessage, RoomSummary, User } from "@duplex/protocol";
import type { HeldDelete, HeldDeleteActions } from "./heldDeletes.js";
import type { MembersByRoom } from "./members.js";
import { initialMemberPages, type MemberPagesSlice } from "./memberPages.js";
import type { TypingByRoom } from "./typing.js";
import type { UnreadState } from "./unread.js";

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

/** Issue 4's live-chat state: presence, typing, unread counts, history paging, directory, DMs. */
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
}

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
