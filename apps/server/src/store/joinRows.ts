import { DM_PREFIX, dmParticipants } from "@duplex/protocol";
import type { RoomAndDms } from "./JoinReads.js";
import type { RoomState } from "./roomState.js";
import { toRoom, type RoomRow } from "./rows.js";

/** A row of the union: `dm` 0 is the room asked for, 1 a candidate DM room. */
export type JoinRow = RoomRow & { dm: number };

/** The bounds of the primary-key range holding every DM room (`:` + 1 = `;`), then the id needle. */
export function dmRange(userId: string): [string, string, string] {
  return [DM_PREFIX, `${DM_PREFIX.slice(0, -1)};`, `:${userId}`];
}

/**
 * Splits the union's rows (in no particular order: no sorter per join) and puts the DM rooms in name
 * order. DM room names are ASCII (`dm:` and two user ids), so JavaScript's order is the databases'
 * byte order. The needle only narrows; dmParticipants() is exact (one id may prefix another).
 */
export function splitJoinRows(rows: readonly JoinRow[], userId: string): RoomAndDms {
  let room: RoomState | undefined;
  const dms: RoomState[] = [];
  for (const row of rows) {
    if (row.dm === 0) room = toRoom(row);
    else if (dmParticipants(row.name)?.includes(userId)) dms.push(toRoom(row));
  }
  if (dms.length > 1) dms.sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
  return { room, dms };
}
