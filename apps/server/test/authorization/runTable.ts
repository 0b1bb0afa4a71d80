import { CLIENT_MESSAGE_TYPES, CloseCode, type ClientMessageType } from "@duplex/protocol";
import { TestClient } from "../helpers.js";
import { HTTP_TABLE } from "./httpTable.js";
import { TABLE, type Observed } from "./table.js";
import {
  ACTORS,
  CAPS,
  ROOM_KINDS,
  buildWorld,
  type Actor,
  type Nodes,
  type World,
} from "./world.js";

type Cells = Record<string, Record<string, string | Record<string, string>>>;

export interface TableResult {
  /** What each cell should be: `allow` or `deny`. */
  expected: Cells;
  /** What each cell was, reduced to `allow` or `deny`. */
  actual: Cells;
  /** What each cell was, with the reason of each denial (for the failure message). */
  observed: Cells;
}

const outcome = (o: Observed) => (o === "allow" ? "allow" : "deny");

/** A banned user's socket closes with 4403 at `hello`, before it could act: nothing else arrives. */
async function asBanned(w: World, type: ClientMessageType): Promise<Observed> {
  const client = await TestClient.connect(w.nodes.b.url);
  client.send({ type: "hello", token: w.who.banned.token, caps: CAPS });
  if (type !== "hello") client.send(TABLE[type].sample(w));
  const closed = await client.closed;
  const answered = client.received.length > 0;
  return closed.code === CloseCode.Forbidden && !answered ? "deny: 4403" : "allow";
}

/**
 * Runs every client message type as every actor against every room kind, and every HTTP moderation
 * request as every actor, on node `b` (HTTP on `a`): one world, actors one after another.
 */
export async function runAuthorizationTable(nodes: Nodes): Promise<TableResult> {
  const missing = CLIENT_MESSAGE_TYPES.filter((t) => !(t in TABLE));
  if (missing.length > 0) throw new Error(`no authorization row for ${missing.join(", ")}`);
  const w = await buildWorld(nodes);
  const expected: Cells = {};
  const actual: Cells = {};
  const observed: Cells = {};
  const put = (row: string, actor: Actor, kind: string | undefined, exp: boolean, o: Observed) => {
    for (const [cells, value] of [
      [expected, exp ? "allow" : "deny"],
      [actual, outcome(o)],
      [observed, o],
    ] as const) {
      const byActor = (cells[row] ??= {});
      if (kind === undefined) byActor[actor] = value;
      else ((byActor[actor] ??= {}) as Record<string, string>)[kind] = value;
    }
  };
  try {
    for (const actor of ACTORS) {
      if (actor === "banned") continue;
      const { client } = await TestClient.hello(nodes.b.url, {
        token: w.who[actor].token,
        caps: CAPS,
      });
      const act = { w, c: client, actor, n: 0 };
      try {
        for (const [type, row] of Object.entries(TABLE)) {
          if (row.scope === "plain") {
            put(type, actor, undefined, row.allowed.includes(actor), await row.run(act));
            continue;
          }
          for (const kind of ROOM_KINDS) {
            const o = await row.run(act, w.rooms[kind], kind);
            put(type, actor, kind, row.allowed[kind].includes(actor), o);
          }
        }
      } finally {
        client.close();
      }
    }
    for (const type of CLIENT_MESSAGE_TYPES) {
      const o = await asBanned(w, type);
      const row = TABLE[type];
      if (row.scope === "plain") put(type, "banned", undefined, false, o);
      else for (const kind of ROOM_KINDS) put(type, "banned", kind, false, o);
    }
    for (const [name, row] of Object.entries(HTTP_TABLE)) {
      for (const actor of ACTORS) {
        const status = await row.run(w, actor);
        put(
          name,
          actor,
          undefined,
          row.allowed.includes(actor),
          status < 300 ? "allow" : `deny: ${status}`,
        );
      }
    }
  } finally {
    w.author.close();
  }
  return { expected, actual, observed };
}
