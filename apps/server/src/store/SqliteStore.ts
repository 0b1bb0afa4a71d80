import { DM_PREFIX, type ChatMessage, type User } from "@duplex/protocol";
import type Database from "better-sqlite3";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "./messageEdits.js";
import { SqliteMessageEdits } from "./SqliteMessageEdits.js";
import { SqliteReadStore } from "./SqliteReadStore.js";
import { SqliteChangeLog } from "./SqliteChangeLog.js";
import { SqliteNotificationStore } from "./SqliteNotificationStore.js";
import { SqliteAccountStore } from "./SqliteAccountStore.js";
import { SqlitePasskeyStore } from "./SqlitePasskeyStore.js";
import { SqliteWebPushStore } from "./SqliteWebPushStore.js";
import { toMessage, toRoom, type RoomRow } from "./rows.js";
import { prepareStoreStatements, type StoreStatements } from "./sqliteStatements.js";
import { appendTransactions, newEpoch } from "./sqliteAppend.js";

export { PAGE_BEFORE_SQL } from "./sqliteStatements.js";
import type {
  AppendInput,
  AppendResult,
  MessagePage,
  RoomQuery,
  RoomState,
  Store,
} from "./Store.js";
import { GroupCommit } from "./groupCommit.js";
import { WalCheckpointer, type CheckpointReport } from "./walCheckpointer.js";
import { fromSqliteError, sqliteUnavailableReason } from "./storeErrors.js";
import { openDatabase, withoutCommitSync, type SqliteOpenOptions } from "./sqliteOpen.js";
import { WalSync } from "./walSync.js";
import { SqliteSavedRooms } from "./SqliteSavedRooms.js";
import { SqliteWrites } from "./sqliteWrites.js";
import { SqliteJoinReads } from "./SqliteJoinReads.js";
import { dmRange, isDmOf } from "./dmRoomRange.js";
import { SqliteRoomAccess } from "./SqliteRoomAccess.js";
import { SqliteMessageSearch } from "./SqliteMessageSearch.js";
import { SqliteSearchIndexer, type SearchIndexerOptions } from "./sqliteSearchIndexer.js";
import { SqliteMessageReactions } from "./SqliteMessageReactions.js";
import { SqliteThreadStore } from "./SqliteThreadStore.js";
import { StoreOfParts } from "./storeParts.js";

// SQLite's default: checkpoint inside the commit that takes the WAL past this many frames.
const DEFAULT_AUTOCHECKPOINT = 1000;
// With checkpoints on a worker the WAL can only start over in a commit that checkpoints on the loop
// (two fsyncs), once it has this many frames: ~120 MB, every ~1.2 s at 10,000 appends/s. Swept from
// 5,000 to 100,000 (decision 0005, seventh pass): fewer stalls than 10,000, shorter than larger ones.
const BACKSTOP_AUTOCHECKPOINT = 30_000;

// PRAGMA synchronous reads back as a number.
const SYNCHRONOUS_NAMES = ["OFF", "NORMAL", "FULL", "EXTRA"] as const;

export interface SqliteStoreOptions extends SqliteOpenOptions {
  /** Checkpoint the WAL on a worker thread (walCheckpointer.ts). @default true for a file */
  backgroundCheckpoints?: boolean;
  /** With background checkpoints: the WAL size (frames) at which a commit checkpoints on the loop. */
  walBackstopFrames?: number;
  /** Called after each background checkpoint (tests, metrics). */
  onCheckpoint?: (report: CheckpointReport) => void;
  /** When and in what batches the full-text index follows the appends (sqliteSearchIndexer.ts). */
  searchIndex?: SearchIndexerOptions;
  /**
   * With `durability: "power"`: sync an append batch's WAL frames on the threadpool after its commit
   * (walSync.ts) rather than inside the commit on the event loop (decision 0013). `false`: the sync
   * inside the commit, holding the loop for it.
   * @default true
   */
  appendSyncOffLoop?: boolean;
}

/**
 * The SQLite store: one real file in WAL mode. better-sqlite3 is synchronous; the Promise-returning
 * methods keep the {@link Store} seam identical for an asynchronous store later.
 */
export class SqliteStore extends StoreOfParts implements Store {
  readonly #db: Database.Database;
  readonly #stmt: StoreStatements;
  readonly #appends: GroupCommit<AppendInput, AppendResult>;
  readonly #writes: SqliteWrites;
  readonly #edits: SqliteMessageEdits;
  /** The same object as `savedRooms`, flushed on close. */
  readonly #savedRooms: SqliteSavedRooms;
  readonly #checkpointer: WalCheckpointer | undefined;
  readonly #indexer: SqliteSearchIndexer;
  /** `durability: "power"` on a file: appends commit unsynced and wait for this (walSync.ts). */
  readonly #walSync: WalSync | undefined;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    const db = openDatabase(path, options);
    let checkpointer: WalCheckpointer | undefined;
    if (path !== ":memory:" && options.backgroundCheckpoints !== false) {
      db.pragma(`wal_autocheckpoint = ${options.walBackstopFrames ?? BACKSTOP_AUTOCHECKPOINT}`);
      checkpointer = new WalCheckpointer(path, {
        ...(options.onCheckpoint && { onCheckpoint: options.onCheckpoint }),
        // Back to checkpointing inside commits: slower at the tail, but the WAL stays bounded.
        onFailure: () => {
          if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
        },
      });
    }
    const writes = new SqliteWrites(db);
    const reactions = new SqliteMessageReactions(db, writes);
    const threads = new SqliteThreadStore(db, writes);
    const savedRooms = new SqliteSavedRooms(db, writes);
    const indexer = new SqliteSearchIndexer(db, options.searchIndex);
    // Whatever a crash left unindexed, from the persisted mark on.
    indexer.schedule();
    super({
      notifications: new SqliteNotificationStore(db),
      savedRooms,
      access: new SqliteRoomAccess(db),
      search: new SqliteMessageSearch(db, indexer),
      accounts: new SqliteAccountStore(db, writes),
      passkeys: new SqlitePasskeyStore(db),
      webPush: new SqliteWebPushStore(db),
      reads: new SqliteReadStore(db, writes),
      changes: new SqliteChangeLog(db),
      reactions,
      threads,
      joinReads: new SqliteJoinReads(db),
    });
    this.#db = db;
    this.#checkpointer = checkpointer;
    this.#writes = writes;
    this.#savedRooms = savedRooms;
    this.#indexer = indexer;
    this.#stmt = prepareStoreStatements(db);
    this.#edits = new SqliteMessageEdits(db, (room, seq) => {
      const row = this.#stmt.bySeq.get(room, seq);
      return row ? { status: "ok", message: toMessage(row) } : { status: "not_found" };
    });
    const { appendOne, appendAll } = appendTransactions(db, this.#stmt, {
      reply: (room, messageId, replyTo) => reactions.linkReplyNow(room, messageId, replyTo),
      thread: (input, at) => threads.linkNow(input, at),
    });
    // Power-safe acks without an fsync on the event loop: commit unsynced, fdatasync on the threadpool.
    const walSync =
      path !== ":memory:" &&
      (options.durability ?? "power") === "power" &&
      options.appendSyncOffLoop !== false
        ? new WalSync(`${path}-wal`)
        : undefined;
    this.#walSync = walSync;
    const commit = <T>(run: () => T): T =>
      this.#indexed(walSync === undefined ? run() : withoutCommitSync(db, run));
    this.#appends = new GroupCommit(
      (inputs) => commit(() => appendAll.immediate(inputs)),
      (input) => commit(() => appendOne.immediate(input)),
      // A full disk or a lock fails every append alike: one by one would only repeat the wait.
      (err) => sqliteUnavailableReason(err) !== undefined,
      undefined,
      walSync,
    );
  }

  /** After a commit: the full-text index follows soon, in its own transaction. */
  #indexed<T>(committed: T): T {
    this.#indexer.schedule();
    return committed;
  }

  /** Messages stored but not yet in the full-text index (a search catches up first). */
  searchIndexBehind(): number {
    return this.#indexer.behind();
  }

  /** The connection's effective journal mode, `synchronous` and page cache bound, as SQLite reports them. */
  settings(): { journalMode: string; synchronous: string; cacheMib: number } {
    const level = Number(this.#db.pragma("synchronous", { simple: true }));
    const cacheKib = -Number(this.#db.pragma("cache_size", { simple: true }));
    return {
      journalMode: String(this.#db.pragma("journal_mode", { simple: true })).toUpperCase(),
      synchronous: SYNCHRONOUS_NAMES[level] ?? String(level),
      cacheMib: cacheKib / 1024,
    };
  }

  async upsertUser(user: User): Promise<void> {
    try {
      await this.#writes.run(() => this.#stmt.upsertUser.run(user.id, user.name, Date.now()));
    } catch (err) {
      throw fromSqliteError(err, "user not saved");
    }
  }

  async getUser(id: string): Promise<User | undefined> {
    return this.#stmt.getUser.get(id);
  }

  async ensureRoom(room: string): Promise<RoomState> {
    // A room that exists needs no write: reads keep working while the disk is full or locked.
    const existing = this.#stmt.getRoom.get(room);
    if (existing) return toRoom(existing);
    let row: RoomRow | undefined;
    try {
      row = await this.#writes.run(() => {
        this.#stmt.insertRoom.run(room, newEpoch(), Date.now());
        return this.#stmt.getRoom.get(room);
      });
    } catch (err) {
      throw fromSqliteError(err, "room not created");
    }
    if (!row) throw new Error(`room ${room} not created`);
    return toRoom(row);
  }

  async getRoom(room: string): Promise<RoomState | undefined> {
    const row = this.#stmt.getRoom.get(room);
    return row ? toRoom(row) : undefined;
  }

  async listRooms(): Promise<RoomState[]> {
    return this.#stmt.listRooms.all().map(toRoom);
  }

  async listPublicRooms({
    after = "",
    query = "",
    limit,
    viewer = "",
  }: RoomQuery): Promise<RoomState[]> {
    const dmEnd = `${DM_PREFIX.slice(0, -1)};`;
    return this.#stmt.publicRooms
      .all(after, DM_PREFIX, dmEnd, viewer, query, query, limit)
      .map(toRoom);
  }

  async countRooms(): Promise<number> {
    return this.#stmt.countRooms.get()?.n ?? 0;
  }

  async deleteEmptyRooms(createdBefore: number, keep: readonly string[]): Promise<string[]> {
    return this.#stmt.deleteEmptyRooms
      .all(createdBefore, JSON.stringify(keep))
      .map((row) => row.name);
  }

  async deleteMessagesBefore(ts: number, limit: number): Promise<number> {
    return this.#stmt.deleteBefore.run(ts, limit).changes;
  }

  async append(input: AppendInput): Promise<AppendResult> {
    try {
      return await this.#appends.submit(input);
    } catch (err) {
      throw fromSqliteError(err, "message not stored");
    }
  }

  async page(room: string, limit: number, before?: number): Promise<MessagePage> {
    const rows = this.#stmt.before.all(room, before ?? Number.MAX_SAFE_INTEGER, limit);
    const messages = rows.reverse().map(toMessage);
    const first = messages[0];
    const hasMore = first !== undefined && this.#stmt.hasBefore.get(room, first.seq) !== undefined;
    return { messages, hasMore };
  }

  async after(room: string, since: number, limit: number): Promise<ChatMessage[]> {
    return this.#stmt.after.all(room, since, limit).map(toMessage);
  }

  async editMessage(input: EditInput): Promise<MessageChangeResult> {
    try {
      return this.#edits.edit(input);
    } catch (err) {
      throw fromSqliteError(err, "edit not saved");
    }
  }

  async deleteMessage(input: MessageChangeInput): Promise<MessageChangeResult> {
    try {
      return this.#edits.delete(input);
    } catch (err) {
      throw fromSqliteError(err, "delete not saved");
    }
  }

  async listDmRooms(userId: string): Promise<RoomState[]> {
    return this.#stmt.dmRooms
      .all(...dmRange(userId))
      .filter((row) => isDmOf(row.name, userId))
      .map(toRoom);
  }

  async ping(): Promise<void> {
    this.#db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    this.#appends.flush();
    await this.#walSync?.close();
    this.#indexer.stop();
    this.#savedRooms.flush();
    this.#writes.flush();
    await this.#checkpointer?.stop();
    if (this.#db.open) this.#db.close();
  }
}
