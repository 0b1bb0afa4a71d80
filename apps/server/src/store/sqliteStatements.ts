import type Database from "better-sqlite3";
import { MESSAGE_COLUMNS, type MessageRow, type RoomRow } from "./rows.js";

const FROM_MESSAGES = `FROM messages m JOIN users u ON u.id = m.user_id`;

/** The page query behind `joined` and `history`; exported so a test can EXPLAIN its plan. */
export const PAGE_BEFORE_SQL = `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES} WHERE m.room = ? AND m.seq < ?
  ORDER BY m.seq DESC LIMIT ?`;

/** The SQLite store's own statements (rooms, users, messages). */
export interface StoreStatements {
  upsertUser: Database.Statement<[string, string, number]>;
  getUser: Database.Statement<[string], { id: string; name: string }>;
  insertRoom: Database.Statement<[string, string, number]>;
  getRoom: Database.Statement<[string], RoomRow>;
  listRooms: Database.Statement<[], RoomRow>;
  publicRooms: Database.Statement<
    [string, string, string, string, string, string, number],
    RoomRow
  >;
  deleteBefore: Database.Statement<[number, number]>;
  countRooms: Database.Statement<[], { n: number }>;
  deleteEmptyRooms: Database.Statement<[number, string], { name: string }>;
  nextSeq: Database.Statement<[string], { seq: number }>;
  insertMessage: Database.Statement<unknown[]>;
  searchTop: Database.Statement<[], { top: number }>;
  byCid: Database.Statement<[string, string], MessageRow>;
  bySeq: Database.Statement<[string, number], MessageRow>;
  before: Database.Statement<[string, number, number], MessageRow>;
  after: Database.Statement<[string, number, number], MessageRow>;
  hasBefore: Database.Statement<[string, number], { one: number }>;
  dmRooms: Database.Statement<[string, string, string], RoomRow>;
}

/** Prepared once per connection. */
export function prepareStoreStatements(db: Database.Database): StoreStatements {
  return {
    upsertUser: db.prepare(
      `INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name`,
    ),
    getUser: db.prepare<[string], { id: string; name: string }>(
      `SELECT id, name FROM users WHERE id = ?`,
    ),
    insertRoom: db.prepare(
      `INSERT INTO rooms (name, epoch, seq, created_at) VALUES (?, ?, 0, ?)
       ON CONFLICT(name) DO NOTHING`,
    ),
    getRoom: db.prepare<[string], RoomRow>(`SELECT name, seq, epoch FROM rooms WHERE name = ?`),
    listRooms: db.prepare<[], RoomRow>(`SELECT name, seq, epoch FROM rooms ORDER BY name`),
    // DM names are the primary-key range [DM_PREFIX, ';'); the rest is the public directory.
    publicRooms: db.prepare<[string, string, string, string, string, string, number], RoomRow>(
      `SELECT name, seq, epoch FROM rooms WHERE name > ? AND NOT (name >= ? AND name < ?)
       AND (name NOT IN (SELECT room FROM private_rooms)
         OR name IN (SELECT room FROM room_members WHERE user_id = ?))
       AND (? = '' OR instr(lower(name), lower(?)) > 0) ORDER BY name LIMIT ?`,
    ),
    // By (room, seq) key: no index on ts, so the scan is bounded by `LIMIT` per call.
    deleteBefore: db.prepare<[number, number]>(
      `DELETE FROM messages WHERE (room, seq) IN
         (SELECT room, seq FROM messages WHERE ts < ? LIMIT ?)`,
    ),
    countRooms: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM rooms`),
    deleteEmptyRooms: db.prepare<[number, string], { name: string }>(
      `DELETE FROM rooms WHERE seq = 0 AND created_at < ?
       AND name NOT IN (SELECT value FROM json_each(?))
       AND name NOT IN (SELECT room FROM private_rooms) RETURNING name`,
    ),
    nextSeq: db.prepare<[string], { seq: number }>(
      `UPDATE rooms SET seq = seq + 1 WHERE name = ? RETURNING seq`,
    ),
    insertMessage: db.prepare(
      `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, attachment, search_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT name FROM users WHERE id = ?)), ?, ?)`,
    ),
    // The highest search number given, or the index's mark if higher (retention may have emptied
    // search_rows): a new number is always above both.
    searchTop: db.prepare<[], { top: number }>(
      `SELECT max(coalesce((SELECT max(id) FROM search_rows), 0),
         coalesce((SELECT indexed_to FROM search_index WHERE id = 1), 0)) AS top`,
    ),
    byCid: db.prepare<[string, string], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES} WHERE m.user_id = ? AND m.cid = ?`,
    ),
    bySeq: db.prepare<[string, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES} WHERE m.room = ? AND m.seq = ?`,
    ),
    before: db.prepare<[string, number, number], MessageRow>(PAGE_BEFORE_SQL),
    after: db.prepare<[string, number, number], MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES} WHERE m.room = ? AND m.seq > ?
       ORDER BY m.seq ASC LIMIT ?`,
    ),
    hasBefore: db.prepare<[string, number], { one: number }>(
      `SELECT 1 AS one FROM messages WHERE room = ? AND seq < ? LIMIT 1`,
    ),
    // A range on the primary key (every DM room name starts with DM_PREFIX), then the id filter.
    dmRooms: db.prepare<[string, string, string], RoomRow>(
      `SELECT name, seq, epoch FROM rooms WHERE name >= ? AND name < ? AND instr(name, ?) > 0
       ORDER BY name`,
    ),
  };
}
