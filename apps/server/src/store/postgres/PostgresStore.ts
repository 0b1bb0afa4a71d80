import { randomBytes } from "node:crypto";
import { DM_PREFIX, type ChatMessage, type User } from "@duplex/protocol";
import type pg from "pg";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "../messageEdits.js";
import type {
  AppendInput,
  AppendResult,
  MessagePage,
  RoomQuery,
  RoomState,
  Store,
} from "../Store.js";
import { toRoom, type RoomRow } from "../rows.js";
import type { GroupCommitOptions } from "./GroupCommit.js";
import { migrate } from "./migrations.js";
import { PostgresMessages } from "./PostgresMessages.js";
import { PostgresNotificationStore } from "./PostgresNotificationStore.js";
import { PostgresAccountStore } from "./PostgresAccountStore.js";
import { PostgresPasskeyStore } from "./PostgresPasskeyStore.js";
import { PostgresWebPushStore } from "./PostgresWebPushStore.js";
import { redactUrl } from "./databaseUrl.js";
import { createPool, type PoolOptions } from "./pool.js";
import { preparedRow, type NamedStatement } from "./preparedRow.js";
import { DatabaseStartError, fromPostgresError } from "../storeErrors.js";
import { PostgresSavedRooms } from "./PostgresSavedRooms.js";
import { PostgresJoinReads } from "./PostgresJoinReads.js";
import { dmRange, isDmOf } from "../dmRoomRange.js";
import { PostgresRoomAccess } from "./PostgresRoomAccess.js";
import { PostgresMessageSearch } from "./PostgresMessageSearch.js";
import { PostgresReadStore } from "./PostgresReadStore.js";
import { PostgresChangeLog } from "./PostgresChangeLog.js";
import { PostgresMessageReactions } from "./PostgresMessageReactions.js";
import { PostgresThreadStore } from "./PostgresThreadStore.js";
import { threadLinkOf } from "../ThreadStore.js";
import { StoreOfParts } from "../storeParts.js";

const newEpoch = () => randomBytes(8).toString("base64url");

const GET_ROOM: NamedStatement = {
  name: "duplex_get_room",
  text: `SELECT name, seq, epoch FROM rooms WHERE name = $1`,
};

/** Options of {@link PostgresStore.open}. */
export interface PostgresStoreOptions extends PoolOptions {
  /**
   * Store the appends that arrive together in one transaction (one WAL flush for many sends); off:
   * one single-statement transaction per append.
   * @default true
   */
  groupCommit?: boolean | GroupCommitOptions;
}

export { DatabaseStartError };

/**
 * The Postgres store: the record when several nodes share one database. Every write is one
 * statement or one transaction, so nodes need no coordination beyond Postgres itself.
 * Open it with {@link PostgresStore.open}, which migrates first.
 */
export class PostgresStore extends StoreOfParts implements Store {
  readonly #pool: pg.Pool;
  readonly #messages: PostgresMessages;
  readonly #reactions: PostgresMessageReactions;
  readonly #accounts: PostgresAccountStore;
  readonly #threads: PostgresThreadStore;
  #closed: Promise<void> | undefined;

  private constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    const reactions = new PostgresMessageReactions(pool);
    const accounts = new PostgresAccountStore(pool);
    const threads = new PostgresThreadStore(pool);
    super({
      notifications: new PostgresNotificationStore(pool),
      savedRooms: new PostgresSavedRooms(pool),
      access: new PostgresRoomAccess(pool),
      search: new PostgresMessageSearch(pool),
      accounts,
      passkeys: new PostgresPasskeyStore(pool),
      webPush: new PostgresWebPushStore(pool),
      reads: new PostgresReadStore(pool),
      changes: new PostgresChangeLog(pool),
      reactions,
      threads,
      joinReads: new PostgresJoinReads(pool),
    });
    this.#pool = pool;
    this.#reactions = reactions;
    this.#accounts = accounts;
    this.#threads = threads;
    const groupCommit = options.groupCommit ?? true;
    this.#messages = new PostgresMessages(
      pool,
      newEpoch,
      groupCommit === true ? {} : groupCommit === false ? undefined : groupCommit,
    );
  }

  /**
   * Connects to `url`, applies missing migrations, and returns the store.
   * @throws DatabaseStartError when the database is unreachable or a migration fails.
   */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = createPool(url, options);
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      const why = err instanceof Error ? err.message || err.name : String(err);
      throw new DatabaseStartError(`Cannot start the Postgres store at ${redactUrl(url)}: ${why}`, {
        cause: err,
      });
    }
    return new PostgresStore(pool, options);
  }

  async ping(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  async upsertUser(user: User): Promise<void> {
    await this.#pool
      .query({
        name: "duplex_upsert_user",
        text: `INSERT INTO users (id, name, created_at) VALUES ($1, $2, $3)
        ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
        values: [user.id, user.name, Date.now()],
      })
      .catch((err: unknown) => {
        throw fromPostgresError(err, "user not saved");
      });
  }

  async getUser(id: string): Promise<User | undefined> {
    const { rows } = await this.#pool.query<User>(`SELECT id, name FROM users WHERE id = $1`, [id]);
    return rows[0];
  }

  async ensureRoom(room: string): Promise<RoomState> {
    // DO NOTHING returns no row for an existing room, so read it in the same statement's snapshot
    // or, if another node created it concurrently, right after.
    const { rows } = await this.#pool.query<RoomRow>(
      `INSERT INTO rooms (name, epoch, seq, created_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (name) DO NOTHING RETURNING name, seq, epoch`,
      [room, newEpoch(), Date.now()],
    );
    const created = rows[0];
    if (created) return toRoom(created);
    const existing = await this.getRoom(room);
    if (!existing) throw new Error(`room ${room} not created`);
    return existing;
  }

  async getRoom(room: string): Promise<RoomState | undefined> {
    return preparedRow(this.#pool, GET_ROOM, [room], toRoom);
  }

  async listRooms(): Promise<RoomState[]> {
    const { rows } = await this.#pool.query<RoomRow>(
      `SELECT name, seq, epoch FROM rooms ORDER BY name`,
    );
    return rows.map(toRoom);
  }

  async listPublicRooms({
    after = "",
    query = "",
    limit,
    viewer = "",
  }: RoomQuery): Promise<RoomState[]> {
    const { rows } = await this.#pool.query<RoomRow>(
      `SELECT name, seq, epoch FROM rooms WHERE name > $1 AND NOT (name >= $2 AND name < $3)
       AND (name NOT IN (SELECT room FROM private_rooms)
         OR name IN (SELECT room FROM room_members WHERE user_id = $6))
       AND ($4 = '' OR strpos(lower(name), lower($4)) > 0) ORDER BY name LIMIT $5`,
      [after, DM_PREFIX, `${DM_PREFIX.slice(0, -1)};`, query, limit, viewer],
    );
    return rows.map(toRoom);
  }

  async countRooms(): Promise<number> {
    const { rows } = await this.#pool.query<{ n: string }>(`SELECT count(*) AS n FROM rooms`);
    return Number(rows[0]?.n ?? 0);
  }

  async deleteEmptyRooms(createdBefore: number, keep: readonly string[]): Promise<string[]> {
    const { rows } = await this.#pool.query<{ name: string }>(
      `DELETE FROM rooms WHERE seq = 0 AND created_at < $1 AND NOT (name = ANY($2::text[]))
       AND name NOT IN (SELECT room FROM private_rooms) RETURNING name`,
      [createdBefore, keep],
    );
    return rows.map((row) => row.name);
  }

  async deleteMessagesBefore(ts: number, limit: number): Promise<number> {
    const { rowCount } = await this.#pool.query(
      `DELETE FROM messages WHERE (room, seq) IN
         (SELECT room, seq FROM messages WHERE ts < $1 LIMIT $2)`,
      [ts, limit],
    );
    return rowCount ?? 0;
  }

  async append(input: AppendInput): Promise<AppendResult> {
    try {
      const result = await this.#messages.append(input);
      // After the message's own commit (a batch is one statement); a re-send links again, so a
      // crash in between loses no link. Until then the sender neither acks nor publishes it.
      const { message } = result;
      if (input.replyTo !== undefined) {
        result.replyTo = await this.#reactions.linkReply(message.room, message.id, input.replyTo);
      }
      if (input.thread !== undefined) {
        result.thread = await this.#threads.link(threadLinkOf(message, input.thread), input.ts);
      }
      return result;
    } catch (err) {
      throw fromPostgresError(err, "message not stored");
    }
  }

  page(room: string, limit: number, before?: number): Promise<MessagePage> {
    return this.#messages.page(room, limit, before);
  }

  after(room: string, since: number, limit: number): Promise<ChatMessage[]> {
    return this.#messages.after(room, since, limit);
  }

  editMessage(input: EditInput): Promise<MessageChangeResult> {
    return this.#messages.edit(input);
  }

  deleteMessage(input: MessageChangeInput): Promise<MessageChangeResult> {
    return this.#messages.delete(input);
  }

  async listDmRooms(userId: string): Promise<RoomState[]> {
    // A primary-key range under COLLATE "C" (dmRoomRange.ts), then strpos() narrows.
    const { rows } = await this.#pool.query<RoomRow>(
      `SELECT name, seq, epoch FROM rooms WHERE name >= $1 AND name < $2 AND strpos(name, $3) > 0
       ORDER BY name`,
      dmRange(userId),
    );
    return rows.filter((row) => isDmOf(row.name, userId)).map(toRoom);
  }

  close(): Promise<void> {
    this.#accounts.close();
    this.#closed ??= this.#pool.end();
    return this.#closed;
  }
}
