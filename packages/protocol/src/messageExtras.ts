import { z } from "zod";
import { Name, UserId } from "./names.js";
import { EMOJI_PATTERN, REACTION_LIMITS, isOneEmoji } from "./reactionRules.js";

export { REACTION_LIMITS, isOneEmoji };

/** One emoji: a single grapheme cluster, bounded in length. */
export const Emoji = z
  .string()
  .min(1)
  .max(REACTION_LIMITS.maxEmojiLength)
  // The pattern is what JSON Schema readers can check (an emoji among no letters or spaces); the
  // refinement is the exact rule (one grapheme cluster).
  .regex(EMOJI_PATTERN, "must be one emoji")
  .refine(isOneEmoji, "must be one emoji");
export type Emoji = z.infer<typeof Emoji>;

/**
 * One emoji's reactions on a message, as the asking socket sees them: on messages in `joined`,
 * `history` and `search_results`, only to sockets granted `reactions`.
 */
export const ReactionSummary = z.strictObject({
  emoji: Emoji,
  count: z.number().int().min(1),
  /** Whether the asking user is one of them. */
  me: z.boolean(),
  /** The first few who reacted, earliest first (at most `namesPerReaction`). */
  users: z.array(Name).max(REACTION_LIMITS.namesPerReaction).optional(),
});
export type ReactionSummary = z.infer<typeof ReactionSummary>;

/**
 * The message a reply answers, enough to draw the quote and jump to it: on messages only to sockets
 * granted `replies`. `excerpt` is empty when the original was deleted.
 */
export const ReplyRef = z.strictObject({
  messageId: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
  from: z.strictObject({ id: UserId, name: Name }),
  excerpt: z.string().max(REACTION_LIMITS.excerptLength),
});
export type ReplyRef = z.infer<typeof ReplyRef>;
