// Reaction bounds and the emoji check, apart from the zod schemas (messageExtras.ts), so the web app
// can use them without loading zod in its first chunk.

/** Bounds of reactions: what one message and one user can make the server hold. */
export const REACTION_LIMITS = {
  /** Distinct emoji on one message; a new one beyond this is refused (`too_large`). */
  maxEmojiPerMessage: 20,
  /** Reactions of one user on one message. */
  maxPerUserPerMessage: 10,
  /** UTF-16 code units of one emoji (a family or flag sequence fits; a sentence does not). */
  maxEmojiLength: 32,
  /** Names listed per reaction in `reactions[].users` (the rest is the count). */
  namesPerReaction: 3,
  /** Characters of the original quoted in `replyTo.excerpt`. */
  excerptLength: 140,
} as const;

// Every emoji cluster holds a pictograph, a regional indicator (flags) or the keycap mark (1️⃣).
const EMOJI_PART = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
export const EMOJI_PATTERN =
  /^[^\s\p{L}<>]*[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3][^\s\p{L}<>]*$/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Whether `text` is exactly one grapheme cluster and that cluster is an emoji. */
export function isOneEmoji(text: string): boolean {
  const clusters = [...graphemes.segment(text)];
  return clusters.length === 1 && EMOJI_PART.test(text);
}
