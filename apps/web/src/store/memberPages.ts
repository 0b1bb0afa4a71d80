import type { ServerMessage } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import { changeMembers } from "./members.js";

import type { ChatSlice, MemberPageActions, MemberPaging, MemberPagesSlice } from "./chatSlice.js";
export type { MemberPageActions, MemberPaging, MemberPagesSlice };
export { initialMemberPages } from "./chatSlice.js";

type Store = StoreApi<DuplexState>;

function patch(store: Store, f: (s: DuplexState["chat"]) => Partial<DuplexState["chat"]>): void {
  store.setState((s) => ({ chat: { ...s.chat, ...f(s.chat) } }));
}

/** A room's count as shown: the server's when known, never below the members we hold. */
export function shownMemberCount(count: number | undefined, held: number): number {
  return Math.max(count ?? 0, held);
}

export function createMemberPageActions(client: ChatClient, store: () => Store): MemberPageActions {
  return {
    async loadMoreMembers(room) {
      const paging = store().getState().chat.memberPaging[room];
      if (paging === undefined || paging.loading || paging.done) return;
      patch(store(), (c) => ({
        memberPaging: { ...c.memberPaging, [room]: { ...paging, loading: true, failed: false } },
      }));
      try {
        const reply = await client.members(room, {
          ...(paging.next !== undefined && { cursor: paging.next }),
        });
        patch(store(), (c) => ({
          members: {
            ...c.members,
            [room]: changeMembers(c.members[room] ?? [], reply.members, []),
          },
          memberCount: { ...c.memberCount, [room]: reply.count },
          memberPaging: {
            ...c.memberPaging,
            [room]: {
              ...(reply.next !== undefined && { next: reply.next }),
              done: reply.next === undefined,
              loading: false,
              failed: false,
            },
          },
        }));
      } catch {
        patch(store(), (c) => ({
          memberPaging: { ...c.memberPaging, [room]: { ...paging, loading: false, failed: true } },
        }));
      }
    },
    async searchMembers(room, query) {
      const reply = await client.members(room, { query });
      return reply.members;
    },
    watchMembers(room, watch) {
      // Best effort: a refused watch leaves the count (occupancy) and the pages still working.
      client.watchMembers(room, watch).catch(() => undefined);
    },
  };
}

/** Counts and paging in step with `joined`, `occupancy`, presence and `left` (pure). */
export function applyMemberPages(chat: ChatSlice, message: ServerMessage): ChatSlice {
  switch (message.type) {
    case "joined": {
      const count = message.memberCount;
      return {
        ...chat,
        memberCount:
          count === undefined
            ? withoutKey(chat.memberCount, message.room)
            : { ...chat.memberCount, [message.room]: count },
        memberPaging: {
          ...chat.memberPaging,
          [message.room]: {
            done: count === undefined || message.members.length >= count,
            loading: false,
            failed: false,
          },
        },
      };
    }
    case "occupancy":
      return { ...chat, memberCount: { ...chat.memberCount, [message.room]: message.online } };
    case "presence":
    case "presence_diff": {
      // A join is a user's first tab, a leave their last: the count moves by exactly these.
      const delta =
        message.type === "presence"
          ? message.event === "join"
            ? 1
            : -1
          : message.joined.length - message.left.length;
      const count = chat.memberCount[message.room];
      if (count === undefined) return chat;
      return {
        ...chat,
        memberCount: { ...chat.memberCount, [message.room]: Math.max(0, count + delta) },
      };
    }
    case "left":
      return {
        ...chat,
        memberCount: withoutKey(chat.memberCount, message.room),
        memberPaging: withoutKey(chat.memberPaging, message.room),
      };
    default:
      return chat;
  }
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
