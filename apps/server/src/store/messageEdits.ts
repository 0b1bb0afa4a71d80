import type { ChatMessage } from "@duplex/protocol";

/** Who changes which message: the author check happens inside the store's transaction. */
export interface MessageChangeInput {
  room: string;
  id: string;
  userId: string;
  /** A moderator's delete: the author check is skipped. */
  anyAuthor?: boolean;
  /** When the change is made (ms), for the change log. @default Date.now() */
  at?: number;
}

export interface EditInput extends MessageChangeInput {
  text: string;
  editedAt: number;
}

/**
 * The outcome of an edit or delete. `not_found`: no such message in that room (or, for an edit, it
 * was deleted). `not_author`: the message belongs to another user; nothing changed.
 */
export type MessageChangeResult =
  | {
      status: "ok";
      message: ChatMessage;
      /** The change's place in the room's change log; absent when nothing changed (a repeat delete). */
      changeSeq?: number;
    }
  | { status: "not_found" }
  | { status: "not_author" };
