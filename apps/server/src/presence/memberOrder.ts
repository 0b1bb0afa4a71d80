import type { User } from "@duplex/protocol";
import type { MemberPage, MemberPageRequest } from "./Presence.js";

/** How many latest joiners a room remembers for `firstPage`. */
export const RECENT_JOINERS = 200;

/** Whether `user` matches a `members` query: its name contains `query`, case-insensitive. */
export function matchesQuery(user: User, query: string | undefined): boolean {
  if (query === undefined || query === "") return true;
  return user.name.toLocaleLowerCase().includes(query.toLocaleLowerCase());
}

/** Index of the first id greater than `cursor` in ascending `ids` (binary search). */
export function firstAfter(ids: readonly string[], cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ids[mid] as string) <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One page over members sorted by id: `lookup` resolves an id (undefined: gone meanwhile). */
export function pageOf(
  sortedIds: readonly string[],
  lookup: (id: string) => User | undefined,
  request: MemberPageRequest,
): MemberPage {
  const members: User[] = [];
  for (let i = firstAfter(sortedIds, request.cursor); i < sortedIds.length; i++) {
    const user = lookup(sortedIds[i] as string);
    if (!user || !matchesQuery(user, request.query)) continue;
    // One match past the page: more follow.
    if (members.length === request.limit) return { members, next: members.at(-1)?.id as string };
    members.push(user);
  }
  return { members };
}
