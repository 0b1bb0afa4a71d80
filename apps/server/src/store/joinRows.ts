import { isDmOf } from "./dmRoomRange.js";
import type { RoomAndDms } from "./JoinReads.js";
import type { RoomState } from "./roomState.js";
import { toRoom, type RoomRow } from "./rows.js";

/** A row of the union: `dm` 0 is the room asked for, 1 a candidate DM room. */
export type JoinRow = RoomRow & { dm: number };

/**
 * Splits the union's rows (in no particular order: no sorter per join) and puts the DM rooms in name
 * order. DM room names are ASCII (`dm:` and two user ids), so JavaScript's order is the databases'
 * byte order.
 */
export function splitJoinRows(rows: readonly JoinRow[], userId: string): RoomAndDms {
  let room: RoomState | undefined;
  const dms: RoomState[] = [];
  for (const row of rows) {
    if (row.dm === 0) room = toRoom(row);
    else if (isDmOf(row.name, userId)) dms.push(toRoom(row));
  }
  if (dms.length > 1) dms.sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
  return { room, dms };
}
