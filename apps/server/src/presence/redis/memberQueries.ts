import type { User } from "@duplex/protocol";
import type { Redis } from "ioredis";
import type { MemberPage, MemberPageRequest } from "../Presence.js";
import { RECENT_JOINERS, matchesQuery } from "../memberOrder.js";

// The reads behind `RedisPresence`'s member lists and counts (keys as its scripts write them).

// Ids read per round trip when a `members` query filters by name.
const QUERY_CHUNK = 500;
const parseUser = (json: string | null): User | undefined =>
  json === null ? undefined : (JSON.parse(json) as User);

/** At most `limit` members: the ones named in `prefer` first, then the latest joiners, then anyone. */
export async function firstPageFromRedis(
  redis: Redis,
  prefix: string,
  room: string,
  prefer: readonly string[],
  limit: number,
): Promise<User[]> {
  const key = `${prefix}${room}:u`;
  const picked = new Map<string, User>();
  const add = (ids: readonly string[], jsons: Array<string | null>) => {
    ids.forEach((id, i) => {
      const user = parseUser(jsons[i] ?? null);
      if (user && picked.size < limit && !picked.has(id)) picked.set(id, user);
    });
  };
  if (prefer.length > 0) add(prefer, await redis.hmget(key, ...prefer));
  if (picked.size < limit) {
    const recent = await redis.lrange(`${prefix}${room}:r`, 0, RECENT_JOINERS - 1);
    const wanted = recent.filter((id) => !picked.has(id));
    if (wanted.length > 0) add(wanted, await redis.hmget(key, ...wanted));
  }
  let cursor = "0";
  while (picked.size < limit) {
    const [nextCursor, flat] = await redis.hscan(key, cursor, "COUNT", limit);
    for (let i = 0; i + 1 < flat.length; i += 2) add([flat[i] as string], [flat[i + 1] ?? null]);
    cursor = nextCursor;
    if (cursor === "0") break;
  }
  return [...picked.values()];
}

/** Members in user id order after the request's cursor, filtered by its query. */
export async function pageFromRedis(
  redis: Redis,
  prefix: string,
  room: string,
  request: MemberPageRequest,
): Promise<MemberPage> {
  const zkey = `${prefix}${room}:z`;
  const ukey = `${prefix}${room}:u`;
  const members: User[] = [];
  let from = request.cursor === undefined ? "-" : `(${request.cursor}`;
  const chunk = request.query ? QUERY_CHUNK : request.limit + 1;
  for (;;) {
    const ids = await redis.zrangebylex(zkey, from, "+", "LIMIT", 0, chunk);
    if (ids.length === 0) return { members };
    const jsons = await redis.hmget(ukey, ...ids);
    for (let i = 0; i < ids.length; i++) {
      const user = parseUser(jsons[i] ?? null);
      if (!user || !matchesQuery(user, request.query)) continue;
      if (members.length === request.limit) return { members, next: members.at(-1)?.id };
      members.push(user);
    }
    if (ids.length < chunk) return { members };
    from = `(${ids.at(-1) as string}`;
  }
}

/** Member count per room, for rooms with anyone online. */
export async function countsFromRedis(redis: Redis, prefix: string): Promise<Map<string, number>> {
  const rooms = await redis.smembers(`${prefix}rooms`);
  const pipeline = redis.pipeline();
  for (const room of rooms) pipeline.hlen(`${prefix}${room}:n`);
  const results = (await pipeline.exec()) ?? [];
  const counts = new Map<string, number>();
  rooms.forEach((room, i) => {
    const n = Number(results[i]?.[1] ?? 0);
    if (n > 0) counts.set(room, n);
  });
  return counts;
}
