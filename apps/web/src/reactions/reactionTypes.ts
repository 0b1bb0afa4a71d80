/** What the store offers the reaction and reply components. */
export interface ReactionActions {
  /** Adds (`on`) or takes back our reaction; the count arrives as a `reaction` event. */
  toggleReaction(room: string, messageId: string, emoji: string, on: boolean): void;
  /** Queues `text` as a reply to `replyTo` in the current room; false if it cannot be sent. */
  sendReply(text: string, replyTo: string): boolean;
}
