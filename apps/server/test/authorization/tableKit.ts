import type { ClientMessage, ServerMessage } from "@duplex/protocol";
import type { TestClient } from "../helpers.js";
import { replyTo, type Actor, type RoomKind, type World } from "./world.js";

/** What a cell observed: `allow`, or `deny` with the reason (an error code, "not listed"…). */
export type Observed = "allow" | `deny: ${string}`;

export const IN: readonly Actor[] = ["owner", "admin", "member", "guest", "outsider", "muted"];
/** Members of the private room; `member` is also the DM's other participant. */
export const PRIVATE_MEMBERS: readonly Actor[] = ["owner", "member", "muted"];

export interface Act {
  w: World;
  c: TestClient;
  actor: Actor;
  n: number;
}

export type Row =
  | {
      scope: "room";
      /** Who is allowed, per room kind; everyone else is denied. `banned` never is. */
      allowed: Record<RoomKind, readonly Actor[]>;
      run(act: Act, room: string, kind: RoomKind): Promise<Observed>;
      /** A frame of this type, for the banned user's socket (closed before it is read). */
      sample(w: World): ClientMessage;
    }
  | {
      scope: "plain";
      allowed: readonly Actor[];
      run(act: Act): Promise<Observed>;
      sample(w: World): ClientMessage;
    };

export const OTHER_UPLOAD = "0123456789abcdef0123456789abcdef";
export const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export const everyRoom = (actors: readonly Actor[]) => ({
  public: actors,
  private: actors,
  dm: actors,
});
export const visible = { public: IN, private: PRIVATE_MEMBERS, dm: ["member"] } as const;
export const speaking = {
  public: IN.filter((a) => a !== "muted"),
  private: PRIVATE_MEMBERS.filter((a) => a !== "muted"),
  dm: ["member"],
} as const;

/** Sends `frame` with a fresh ref; `allow` when the reply is `okType`, else the error's code. */
export async function ask(act: Act, frame: ClientMessage, okType: string): Promise<Observed> {
  const ref = `r${act.n++}`;
  act.c.send({ ...frame, ref } as ClientMessage);
  const reply = await replyTo(act.c, ref);
  if (reply.type === okType) return "allow";
  return `deny: ${reply.type === "error" ? reply.code : reply.type}`;
}

/**
 * One search; past the read budget (every actor shares one address) it waits as told and asks
 * again, since this table is about who may read, not how fast.
 */
export async function searchOnce(act: Act, frame: ClientMessage): Promise<ServerMessage> {
  for (;;) {
    const ref = `r${act.n++}`;
    act.c.send({ ...frame, ref } as ClientMessage);
    const reply = await replyTo(act.c, ref);
    if (reply.type !== "error" || reply.code !== "rate_limited") return reply;
    await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 100));
  }
}

/** For frames without a ref: an error answering it arrives before the pong of a ping sent after it. */
export async function refusal(act: Act, frame: ClientMessage): Promise<Observed | undefined> {
  const start = act.c.received.length;
  act.c.send(frame);
  await act.c.roundTrip();
  const error = act.c.received.slice(start).find((m) => m.type === "error");
  return error?.type === "error" ? `deny: ${error.code}` : undefined;
}

/** A room row whose frame is just `{ type, room }`, allowed when answered by `okType`. */
export function roomAsk(
  type: "join" | "history" | "members" | "watch_members" | "unwatch_members" | "leave",
  okType: string,
  sampleRoom: "public" | "private" = "private",
): Row {
  return {
    scope: "room",
    allowed: visible,
    run: (act, room) => ask(act, { type, room }, okType),
    sample: (w) => ({ type, room: w.rooms[sampleRoom] }),
  };
}

/** A row without a room that everyone may send: allowed when answered by `okType`. */
export function plainAsk(frame: ClientMessage, okType: string, sample = frame): Row {
  return {
    scope: "plain",
    allowed: IN,
    run: (act) => ask(act, frame, okType),
    sample: () => sample,
  };
}

/** A row without a room or a reply that everyone may send: allowed unless an error answers it. */
export function plainQuiet(frame: ClientMessage): Row {
  return {
    scope: "plain",
    allowed: IN,
    run: async (act) => (await refusal(act, frame)) ?? "allow",
    sample: () => frame,
  };
}
