import type { ChatMessage, ServerMessageOf } from "@duplex/protocol";

/** Applies a server `edited` or `deleted` event to a room's messages; the same array if absent. */
export function applyMessageChange(
  messages: readonly ChatMessage[],
  change: ServerMessageOf<"edited"> | ServerMessageOf<"deleted">,
): readonly ChatMessage[] {
  const index = messages.findIndex((m) => m.id === change.id);
  const target = messages[index];
  if (target === undefined) return messages;
  const updated: ChatMessage =
    change.type === "edited"
      ? { ...target, text: change.text, editedAt: change.editedAt }
      : { ...target, text: "", deleted: true };
  const next = [...messages];
  next[index] = updated;
  return next;
}
