import { LIMITS, TokenBucket, dmParticipants } from "@duplex/protocol";
import type { ServerContext } from "../context.js";
import { rateLimited } from "../limits/Budgets.js";
import { SeenFeed } from "./SeenFeed.js";

/** Buckets kept at most; full ones (users idle for a while) are forgotten first. */
const MAX_BUCKETS = 10_000;

/** Per-server read-receipt state: the `read`/`set_prefs` budget per user and the "seen" feed. */
export interface ReceiptsState {
  /** Charges one read-receipt request to the user (all their sockets share it). */
  charge(userId: string): void;
  seen: SeenFeed;
}

const states = new WeakMap<ServerContext, ReceiptsState>();

/**
 * The users who may see `room`'s read receipts besides `reader`, or none when the room is too big
 * for "seen by": a DM's other participant, else the online members when at most
 * `LIMITS.seenByMaxMembers`. Only those who share their own receipts.
 */
export async function receiptAudience(
  ctx: ServerContext,
  room: string,
  reader: string,
): Promise<string[]> {
  const dm = dmParticipants(room);
  let ids: string[];
  if (dm) ids = dm.filter((id) => id !== reader);
  else if ((await ctx.presence.count(room)) > LIMITS.seenByMaxMembers) return [];
  else ids = (await ctx.presence.members(room)).map((u) => u.id).filter((id) => id !== reader);
  return [...(await ctx.store.reads.sharing(ids))];
}

/** This server's receipts state, made on first use. */
export function receiptsOf(ctx: ServerContext): ReceiptsState {
  let state = states.get(ctx);
  if (state) return state;
  const buckets = new Map<string, TokenBucket>();
  const seen = new SeenFeed(
    ctx.push.users,
    (room, reader) => receiptAudience(ctx, room, reader),
    (err) => ctx.log.warn({ err }, "seen not announced"),
  );
  state = {
    seen,
    charge(userId) {
      const now = ctx.now();
      let bucket = buckets.get(userId);
      if (!bucket) {
        if (buckets.size >= MAX_BUCKETS) {
          for (const [id, b] of buckets) if (b.isFull(now)) buckets.delete(id);
        }
        bucket = new TokenBucket(LIMITS.readsPerSecond * 2, LIMITS.readsPerSecond, now);
        buckets.set(userId, bucket);
      }
      if (!bucket.tryTake(now)) {
        throw rateLimited("too many read receipts", bucket.msUntilToken(now));
      }
    },
  };
  states.set(ctx, state);
  return state;
}
