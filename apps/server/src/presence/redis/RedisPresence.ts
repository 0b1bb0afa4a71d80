import type { User } from "@duplex/protocol";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../../logger.js";
import type { MemberPage, MemberPageRequest, Presence } from "../Presence.js";
import { RECENT_JOINERS, matchesQuery, pageOf } from "../memberOrder.js";
import { EXPIRE_SOON, JOIN, LEAVE, REAP } from "./presenceScripts.js";

export interface RedisPresenceOptions {
  url: string;
  log: Logger;
  /** This node's name, holder of the reaper lock. */
  nodeId: string;
  /** Key prefix, so deployments (and tests) can share one Redis. @default "dx:p:" */
  prefix?: string;
  /** An entry not refreshed for this long is reaped (its node crashed). @default 15000 */
  ttlMs?: number;
  /** Extra ioredis options. */
  redis?: RedisOptions;
}

/** A user whose last socket in `room` expired (its node died); announce `presence leave`. */
export type ExpiredListener = (room: string, user: User) => void;

interface LocalEntry {
  room: string;
  user: User;
  connId: string;
}

const REAP_BATCH = 100;
// Ids read per round trip when a `members` query filters by name.
const QUERY_CHUNK = 500;
const keyOf = (room: string, connId: string) => `${room}\n${connId}`;
const parseUser = (json: string | null): User | undefined =>
  json === null ? undefined : (JSON.parse(json) as User);
const retryStrategy = (times: number) => Math.min(50 * times, 1_000);

/**
 * Presence shared by every node through Redis: a user with sockets on several nodes is one member.
 * Each node refreshes the deadlines of its own sockets every ttl/3 (re-registering them if Redis lost
 * them: it runs without persistence), and one node at a time (a `SET NX PX` lock) reaps the entries
 * of nodes that stopped refreshing, reporting each last leave to `onExpired`. While Redis is down the
 * node answers from its own sockets, so joins and leaves keep working with a local view.
 */
export class RedisPresence implements Presence {
  readonly #redis: Redis;
  readonly #log: Logger;
  readonly #nodeId: string;
  readonly #prefix: string;
  readonly #ttlMs: number;
  readonly #local = new Map<string, LocalEntry>();
  // Local sockets per room and user (`room \n userId`): a join asks "has this user a socket here
  // already?" in O(1), not by scanning every local entry (a 10,000-socket fill was O(N²) on it).
  readonly #localUsers = new Map<string, number>();
  readonly #expiredListeners = new Set<ExpiredListener>();
  readonly #timer: NodeJS.Timeout;
  #draining: number | undefined;
  #wasDisconnected = false;
  #closed = false;

  constructor(options: RedisPresenceOptions) {
    this.#log = options.log;
    this.#nodeId = options.nodeId;
    this.#prefix = options.prefix ?? "dx:p:";
    this.#ttlMs = options.ttlMs ?? 15_000;
    this.#redis = new Redis(options.url, {
      retryStrategy,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectionName: "duplex-presence",
      ...options.redis,
    });
    this.#redis.on("error", (err: Error) =>
      this.#log.debug({ err: err.message }, "redis presence error"),
    );
    this.#redis.on("close", () => {
      this.#wasDisconnected = true;
    });
    this.#redis.on("ready", () => {
      if (!this.#wasDisconnected) return;
      this.#wasDisconnected = false;
      this.#log.info({ entries: this.#local.size }, "redis back: re-registering presence");
      void this.#tick();
    });
    this.#timer = setInterval(() => void this.#tick(), Math.max(10, Math.floor(this.#ttlMs / 3)));
    this.#timer.unref();
  }

  /** Resolves once connected to Redis; rejects after `timeoutMs` (start-up fails early with it). */
  async connected(timeoutMs = 5_000): Promise<void> {
    if (this.#redis.status === "ready") return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Redis not reachable within ${timeoutMs} ms`)),
          timeoutMs,
        );
        this.#redis.once("ready", () => resolve());
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls `listener` for each user whose entry expired (reaped by this node). */
  onExpired(listener: ExpiredListener): () => void {
    this.#expiredListeners.add(listener);
    return () => this.#expiredListeners.delete(listener);
  }

  async join(room: string, user: User, connId: string): Promise<{ first: boolean }> {
    const localFirst = !this.#hasLocal(room, user.id);
    this.#addLocal({ room, user, connId });
    try {
      return { first: (await this.#join({ room, user, connId })) === 1 };
    } catch (err) {
      this.#degraded(err, "join");
      return { first: localFirst };
    }
  }

  async leave(
    room: string,
    userId: string,
    connId: string,
  ): Promise<{ last: boolean; user?: User }> {
    const entry = this.#local.get(keyOf(room, connId));
    if (entry) this.#removeLocal(entry);
    if (this.#draining !== undefined && entry) {
      // Shutting down: let the entry expire after the grace period instead, so a user reconnecting
      // to another node in time is never announced as leaving and joining again.
      await this.#expireSoon([entry], this.#draining);
      return { last: false };
    }
    try {
      const json = await this.#redis.eval(LEAVE, 0, this.#prefix, room, connId, userId);
      return typeof json === "string"
        ? { last: true, user: JSON.parse(json) as User }
        : { last: false };
    } catch (err) {
      this.#degraded(err, "leave");
      if (!entry || entry.user.id !== userId || this.#hasLocal(room, userId))
        return { last: false };
      return { last: true, user: entry.user };
    }
  }

  async members(room: string): Promise<User[]> {
    try {
      const values = await this.#redis.hvals(`${this.#prefix}${room}:u`);
      return values.map((json) => JSON.parse(json) as User);
    } catch (err) {
      this.#degraded(err, "members");
      return this.#localMembers(room);
    }
  }

  async count(room: string): Promise<number> {
    try {
      return await this.#redis.hlen(`${this.#prefix}${room}:n`);
    } catch (err) {
      this.#degraded(err, "count");
      return this.#localMembers(room).length;
    }
  }

  async firstPage(room: string, prefer: readonly string[], limit: number): Promise<User[]> {
    const key = `${this.#prefix}${room}:u`;
    try {
      const picked = new Map<string, User>();
      const add = (ids: readonly string[], jsons: Array<string | null>) => {
        ids.forEach((id, i) => {
          const user = parseUser(jsons[i] ?? null);
          if (user && picked.size < limit && !picked.has(id)) picked.set(id, user);
        });
      };
      if (prefer.length > 0) add(prefer, await this.#redis.hmget(key, ...prefer));
      if (picked.size < limit) {
        const recent = await this.#redis.lrange(`${this.#prefix}${room}:r`, 0, RECENT_JOINERS - 1);
        const wanted = recent.filter((id) => !picked.has(id));
        if (wanted.length > 0) add(wanted, await this.#redis.hmget(key, ...wanted));
      }
      let cursor = "0";
      while (picked.size < limit) {
        const [nextCursor, flat] = await this.#redis.hscan(key, cursor, "COUNT", limit);
        for (let i = 0; i + 1 < flat.length; i += 2)
          add([flat[i] as string], [flat[i + 1] ?? null]);
        cursor = nextCursor;
        if (cursor === "0") break;
      }
      return [...picked.values()];
    } catch (err) {
      this.#degraded(err, "firstPage");
      return this.#localMembers(room).slice(0, limit);
    }
  }

  async page(room: string, request: MemberPageRequest): Promise<MemberPage> {
    const zkey = `${this.#prefix}${room}:z`;
    const ukey = `${this.#prefix}${room}:u`;
    try {
      const members: User[] = [];
      let from = request.cursor === undefined ? "-" : `(${request.cursor}`;
      const chunk = request.query ? QUERY_CHUNK : request.limit + 1;
      for (;;) {
        const ids = await this.#redis.zrangebylex(zkey, from, "+", "LIMIT", 0, chunk);
        if (ids.length === 0) return { members };
        const jsons = await this.#redis.hmget(ukey, ...ids);
        for (let i = 0; i < ids.length; i++) {
          const user = parseUser(jsons[i] ?? null);
          if (!user || !matchesQuery(user, request.query)) continue;
          if (members.length === request.limit) return { members, next: members.at(-1)?.id };
          members.push(user);
        }
        if (ids.length < chunk) return { members };
        from = `(${ids.at(-1) as string}`;
      }
    } catch (err) {
      this.#degraded(err, "page");
      const local = new Map(this.#localMembers(room).map((u) => [u.id, u]));
      return pageOf([...local.keys()].sort(), (id) => local.get(id), request);
    }
  }

  async counts(): Promise<Map<string, number>> {
    try {
      const rooms = await this.#redis.smembers(`${this.#prefix}rooms`);
      const pipeline = this.#redis.pipeline();
      for (const room of rooms) pipeline.hlen(`${this.#prefix}${room}:n`);
      const results = (await pipeline.exec()) ?? [];
      const counts = new Map<string, number>();
      rooms.forEach((room, i) => {
        const n = Number(results[i]?.[1] ?? 0);
        if (n > 0) counts.set(room, n);
      });
      return counts;
    } catch (err) {
      this.#degraded(err, "counts");
      const users = new Map<string, Set<string>>();
      for (const e of this.#local.values()) {
        users.set(e.room, (users.get(e.room) ?? new Set()).add(e.user.id));
      }
      return new Map([...users].map(([room, ids]) => [room, ids.size]));
    }
  }

  /**
   * From now on leaves are delayed: each socket's entry expires `graceMs` later (reaped by any node),
   * unless the user's reconnect to another node keeps them a member. Call before closing sockets.
   */
  async drain(graceMs: number): Promise<void> {
    this.#draining = graceMs;
  }

  /** Runs one refresh + reap round now (the timer runs it every ttl/3). */
  async tick(): Promise<void> {
    await this.#tick();
  }

  /** Stops refreshing and drops the connection, leaving the entries behind: a crash, for tests. */
  abandon(): void {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#redis.disconnect();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    const left = [...this.#local.values()];
    this.#local.clear();
    this.#localUsers.clear();
    // Not draining: these sockets are gone for good; draining: they were already given a grace period.
    if (this.#draining === undefined && left.length > 0) await this.#expireSoon(left, 0);
    try {
      await this.#redis.quit();
    } catch {
      this.#redis.disconnect();
    }
  }

  #join(e: LocalEntry): Promise<unknown> {
    const { room, user, connId } = e;
    return this.#redis.eval(
      JOIN,
      0,
      this.#prefix,
      room,
      connId,
      user.id,
      JSON.stringify(user),
      this.#ttlMs,
      RECENT_JOINERS,
    );
  }

  async #expireSoon(entries: LocalEntry[], graceMs: number): Promise<void> {
    try {
      await this.#redis.eval(
        EXPIRE_SOON,
        0,
        this.#prefix,
        graceMs,
        ...entries.flatMap((e) => [e.room, e.connId]),
      );
    } catch (err) {
      this.#degraded(err, "expire");
    }
  }

  async #tick(): Promise<void> {
    if (this.#closed || this.#redis.status !== "ready") return;
    try {
      const pipeline = this.#redis.pipeline();
      for (const e of this.#local.values()) {
        pipeline.eval(
          JOIN,
          0,
          this.#prefix,
          e.room,
          e.connId,
          e.user.id,
          JSON.stringify(e.user),
          this.#ttlMs,
          RECENT_JOINERS,
        );
      }
      await pipeline.exec();
      await this.#reap();
    } catch (err) {
      this.#degraded(err, "refresh");
    }
  }

  async #reap(): Promise<void> {
    const lock = await this.#redis.set(
      `${this.#prefix}reaper`,
      this.#nodeId,
      "PX",
      Math.max(10, Math.floor(this.#ttlMs / 3)),
      "NX",
    );
    if (lock !== "OK") return;
    const out = (await this.#redis.eval(REAP, 0, this.#prefix, REAP_BATCH)) as string[];
    for (let i = 0; i + 1 < out.length; i += 2) {
      const room = out[i] as string;
      const user = JSON.parse(out[i + 1] as string) as User;
      for (const listener of this.#expiredListeners) listener(room, user);
    }
  }

  #hasLocal(room: string, userId: string): boolean {
    return this.#localUsers.has(`${room}\n${userId}`);
  }

  #addLocal(entry: LocalEntry): void {
    const key = keyOf(entry.room, entry.connId);
    if (this.#local.has(key)) return;
    this.#local.set(key, entry);
    const userKey = `${entry.room}\n${entry.user.id}`;
    this.#localUsers.set(userKey, (this.#localUsers.get(userKey) ?? 0) + 1);
  }

  #removeLocal(entry: LocalEntry): void {
    this.#local.delete(keyOf(entry.room, entry.connId));
    const userKey = `${entry.room}\n${entry.user.id}`;
    const n = (this.#localUsers.get(userKey) ?? 1) - 1;
    if (n > 0) this.#localUsers.set(userKey, n);
    else this.#localUsers.delete(userKey);
  }

  /** This node's view of a room (Redis down): the users of its own sockets there. */
  #localMembers(room: string): User[] {
    const users = new Map<string, User>();
    for (const e of this.#local.values()) if (e.room === room) users.set(e.user.id, e.user);
    return [...users.values()];
  }

  #degraded(err: unknown, op: string): void {
    this.#log.debug(
      { err: err instanceof Error ? err.message : String(err), op },
      "redis presence unavailable",
    );
  }
}
