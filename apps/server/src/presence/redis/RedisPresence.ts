import type { User } from "@duplex/protocol";
import type { Redis, RedisOptions } from "ioredis";
import { sheddingRedis } from "../../broker/redis/redisConnection.js";
import type { Logger } from "../../logger.js";
import type { MemberPage, MemberPageRequest, Presence } from "../Presence.js";
import { RECENT_JOINERS, pageOf } from "../memberOrder.js";
import { countsFromRedis, firstPageFromRedis, pageFromRedis } from "./memberQueries.js";
import { LocalEntries, type LocalEntry } from "./localEntries.js";
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

const REAP_BATCH = 100;

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
  readonly #local = new LocalEntries();
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
    this.#redis = sheddingRedis(options.url, {
      name: "duplex-presence",
      what: "presence",
      log: this.#log,
      ...(options.redis && { redis: options.redis }),
    });
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
    const localFirst = !this.#local.hasUser(room, user.id);
    this.#local.add({ room, user, connId });
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
    const entry = this.#local.get(room, connId);
    if (entry) this.#local.remove(entry);
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
      if (!entry || entry.user.id !== userId || this.#local.hasUser(room, userId))
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
      return this.#local.members(room);
    }
  }

  async count(room: string): Promise<number> {
    try {
      return await this.#redis.hlen(`${this.#prefix}${room}:n`);
    } catch (err) {
      this.#degraded(err, "count");
      return this.#local.members(room).length;
    }
  }

  async firstPage(room: string, prefer: readonly string[], limit: number): Promise<User[]> {
    try {
      return await firstPageFromRedis(this.#redis, this.#prefix, room, prefer, limit);
    } catch (err) {
      this.#degraded(err, "firstPage");
      return this.#local.members(room).slice(0, limit);
    }
  }

  async page(room: string, request: MemberPageRequest): Promise<MemberPage> {
    try {
      return await pageFromRedis(this.#redis, this.#prefix, room, request);
    } catch (err) {
      this.#degraded(err, "page");
      const local = new Map(this.#local.members(room).map((u) => [u.id, u]));
      return pageOf([...local.keys()].sort(), (id) => local.get(id), request);
    }
  }

  async counts(): Promise<Map<string, number>> {
    try {
      return await countsFromRedis(this.#redis, this.#prefix);
    } catch (err) {
      this.#degraded(err, "counts");
      return this.#local.counts();
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

  #degraded(err: unknown, op: string): void {
    this.#log.debug(
      { err: err instanceof Error ? err.message : String(err), op },
      "redis presence unavailable",
    );
  }
}
