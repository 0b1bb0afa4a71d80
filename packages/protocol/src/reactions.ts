import { z } from "zod";
import { RoomId } from "./names.js";
import { MessageId, Ref, User } from "./fields.js";
import { Emoji } from "./messageExtras.js";
import { ChangeSeq } from "./receipts.js";

/**
 * Toggles the user's reaction `emoji` on a message of a room they may read (`reactions`). Idempotent
 * per (message, user, emoji): `on: true` twice is one reaction, `on: false` on none is no change.
 * Answered with `reaction` (echoing `ref`); the room's other granted sockets get it too.
 */
export const ReactMessage = z.strictObject({
  type: z.literal("react"),
  ref: Ref.optional(),
  room: RoomId,
  messageId: MessageId,
  emoji: Emoji,
  on: z.boolean(),
});

/**
 * A reaction was added (`on`) or taken back; `count` is that emoji's count on the message now. To
 * sockets also granted `changes`, it carries its `changeSeq` and is replayed on resume like `edited`.
 */
export const ReactionEventMessage = z.strictObject({
  type: z.literal("reaction"),
  ref: Ref.optional(),
  room: RoomId,
  messageId: MessageId,
  emoji: Emoji,
  user: User,
  on: z.boolean(),
  count: z.number().int().nonnegative(),
  changeSeq: ChangeSeq.optional(),
});
