import type { Migration } from "./migrationsType.js";

/** Migrations 16–: fewer B-trees written per append, shorter holds of the loop. */
export const WRITE_PATH_MIGRATIONS: readonly Migration[] = [
  {
    id: 16,
    name: "search number on the message, no (room, seq) index on search_rows",
    // search_rows' UNIQUE (room, seq) was a B-tree written at 50 places per batch (one per busy room)
    // and read only by the edit and delete triggers. The message row now carries its search number
    // (the append computes it: sqliteAppend.ts), so those triggers go by number and search_rows is
    // only its rowid B-tree, always appended at its right edge.
    sql: `
      ALTER TABLE messages ADD COLUMN search_id INTEGER;
      UPDATE messages SET search_id =
        (SELECT r.id FROM search_rows r WHERE r.room = messages.room AND r.seq = messages.seq);
      DROP TRIGGER messages_search_insert;
      DROP TRIGGER messages_search_update;
      DROP TRIGGER messages_search_delete;
      CREATE TABLE search_rows_16 (id INTEGER PRIMARY KEY, room TEXT NOT NULL, seq INTEGER NOT NULL);
      INSERT INTO search_rows_16 (id, room, seq) SELECT id, room, seq FROM search_rows;
      DROP TABLE search_rows;
      ALTER TABLE search_rows_16 RENAME TO search_rows;
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO search_rows (id, room, seq) VALUES (new.search_id, new.room, new.seq);
      END;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF text, deleted ON messages BEGIN
        DELETE FROM message_fts WHERE rowid = old.search_id
          AND rowid <= (SELECT indexed_to FROM search_index WHERE id = 1);
        INSERT INTO message_fts (rowid, text) SELECT new.search_id, new.text
          WHERE new.deleted = 0 AND new.search_id <= (SELECT indexed_to FROM search_index WHERE id = 1);
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid = old.search_id
          AND rowid <= (SELECT indexed_to FROM search_index WHERE id = 1);
        DELETE FROM search_rows WHERE id = old.search_id;
      END;
    `,
  },
  {
    id: 17,
    name: "search index merged in slices",
    // FTS5 merges its segments inside whichever insert crosses a level's threshold: 20–30 ms of the
    // loop at once with everyday text. The indexer now merges a few pages in every batch instead
    // (sqliteSearchIndexer.ts), so automatic merging is off; crisismerge stays as the safety net.
    sql: `INSERT INTO message_fts (message_fts, rank) VALUES ('automerge', 0);`,
  },
];
