import {
  REACTION_LIMITS,
  type ChatMessage,
  type ReactionSummary,
  type ServerMessageOf,
} from "@duplex/protocol";

/**
 * A room's messages with one `reaction` event applied; the same array when the message is not held.
 * The event's `count` is the server's truth, so applying an echo twice changes nothing.
 */
export function applyReaction(
  messages: readonly ChatMessage[],
  event: ServerMessageOf<"reaction">,
  myId: string | undefined,
): readonly ChatMessage[] {
  const index = messages.findIndex((m) => m.id === event.messageId);
  const target = messages[index];
  if (target === undefined) return messages;
  const reactions = nextReactions(target.reactions ?? [], event, event.user.id === myId);
  const next = [...messages];
  next[index] = { ...target, reactions };
  return next;
}

function nextReactions(
  list: readonly ReactionSummary[],
  event: ServerMessageOf<"reaction">,
  mine: boolean,
): ReactionSummary[] {
  const old = list.find((r) => r.emoji === event.emoji);
  const others = list.filter((r) => r.emoji !== event.emoji);
  if (event.count === 0) return others;
  const names = (old?.users ?? []).filter((n) => n !== event.user.name);
  const users = event.on ? [...names, event.user.name] : names;
  const summary: ReactionSummary = {
    emoji: event.emoji,
    count: event.count,
    me: mine ? event.on : (old?.me ?? false),
    users: users.slice(0, REACTION_LIMITS.namesPerReaction),
  };
  // A new emoji goes last; one already shown keeps its place, so chips do not jump under the pointer.
  return old ? list.map((r) => (r.emoji === event.emoji ? summary : r)) : [...others, summary];
}
