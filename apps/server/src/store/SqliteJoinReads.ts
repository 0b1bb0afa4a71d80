import type Database from "better-sqlite3";
import type { JoinReads, RoomAndDms } from "./JoinReads.js";
import { dmRange } from "./dmRoomRange.js";
import { splitJoinRows, type JoinRow } from "./joinRows.js";

/** {@link JoinReads} on the {@link SqliteStore}'s database: `getRoom` and `listDmRooms` in one statement. */
export class SqliteJoinReads implements JoinReads {
  readonly #roomAndDms;

  constructor(db: Database.Database) {
    this.#roomAndDms = db.prepare<[string, string, string, string], JoinRow>(
      `SELECT 0 AS dm, name, seq, epoch FROM rooms WHERE name = ?
       UNION ALL
       SELECT 1 AS dm, name, seq, epoch FROM rooms WHERE name >= ? AND name < ? AND instr(name, ?) > 0`,
    );
  }

  async roomAndDms(room: string, userId: string): Promise<RoomAndDms> {
    // No ORDER BY (a sorter per join): splitJoinRows tags the rows and orders the DM rooms itself.
    return splitJoinRows(this.#roomAndDms.all(room, ...dmRange(userId)), userId);
  }
}
