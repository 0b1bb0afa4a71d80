import type { ChatMessage, ServerMessageOf, User } from "@duplex/protocol";

/** A `joined` reply as the server sends it. */
export function joinedMessage(
  room: string,
  members: User[],
  messages: ChatMessage[] = [],
  hasMore = false,
): ServerMessageOf<"joined"> {
  return {
    type: "joined",
    room,
    members,
    messages,
    seq: messages.at(-1)?.seq ?? 0,
    epoch: "e1",
    hasMore,
  };
}
