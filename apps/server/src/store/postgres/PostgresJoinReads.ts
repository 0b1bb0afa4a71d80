import type pg from "pg";
import type { JoinReads, RoomAndDms } from "../JoinReads.js";
import { dmRange } from "../dmRoomRange.js";
import { splitJoinRows, type JoinRow } from "../joinRows.js";

/** {@link JoinReads} on Postgres: `getRoom` and `listDmRooms` in one round trip (names COLLATE "C"). */
export class PostgresJoinReads implements JoinReads {
  constructor(private readonly pool: pg.Pool) {}

  async roomAndDms(room: string, userId: string): Promise<RoomAndDms> {
    const { rows } = await this.pool.query<JoinRow>({
      name: "duplex_room_and_dms",
      text: `SELECT 0 AS dm, name, seq, epoch FROM rooms WHERE name = $1
        UNION ALL
        SELECT 1 AS dm, name, seq, epoch FROM rooms
        WHERE name >= $2 AND name < $3 AND strpos(name, $4) > 0`,
      values: [room, ...dmRange(userId)],
    });
    return splitJoinRows(rows, userId);
  }
}
