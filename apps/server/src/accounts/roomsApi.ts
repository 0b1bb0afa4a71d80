import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  PrivateRoomRequest,
  PublicRoomName,
  ROOM_PATHS,
  RoomMemberRequest,
  type RoomMembersResponse,
  type User,
} from "@duplex/protocol";
import { DuplexError } from "../errors.js";
import { addressKey } from "../limits/addressKey.js";
import type { RoomCreation } from "../limits/roomLimits.js";
import type { Logger } from "../logger.js";
import { HttpError } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import { isModerator } from "../moderation/Moderation.js";
import type { RoomEvictions } from "../moderation/RoomEvictions.js";
import type { Sessions } from "../session/Sessions.js";
import type { StoredUser } from "../store/AccountStore.js";
import type { PrivateRoom } from "../store/RoomAccess.js";
import type { Store } from "../store/Store.js";
import { jsonBody, parse, recordAudit, requireMethod } from "./apiRequest.js";
import { authenticate, routesOf, type Answer } from "./authApi.js";

export interface RoomsApiDeps {
  store: Store;
  sessions: Sessions;
  evictions: RoomEvictions;
  /** The same budget as rooms created by `join`: per user, per address, and the total. */
  roomCreation: RoomCreation;
  log: Logger;
  now(): number;
}

/** The calling user, unless banned (a banned user's sessions are revoked; this is belt and braces). */
async function caller(deps: RoomsApiDeps, req: IncomingMessage): Promise<StoredUser> {
  const { userId } = await authenticate(deps, req);
  const user = await deps.store.accounts.getUser(userId);
  if (!user || user.bannedAt !== undefined) throw new HttpError(403, "banned");
  return user;
}

/** The private room, if `actor` manages it (its owner, or a moderator); else 404 / 403. */
async function managed(deps: RoomsApiDeps, actor: StoredUser, room: string): Promise<PrivateRoom> {
  const found = await deps.store.access.privateRoom(room);
  if (!found) throw new HttpError(404, "no such private room");
  if (found.ownerId !== actor.id && !isModerator(actor)) {
    throw new HttpError(403, "the room's owner and moderators only");
  }
  return found;
}

/** A creation is charged like one by `join`; over budget it is a 429 with `Retry-After`. */
async function chargeCreation(deps: RoomsApiDeps, userId: string, req: IncomingMessage) {
  const address = addressKey(req.socket.remoteAddress ?? "unknown");
  try {
    await deps.roomCreation.charge(userId, address, deps.now(), () => deps.store.countRooms());
  } catch (err) {
    if (!(err instanceof DuplexError)) throw err;
    const seconds = Math.ceil((err.retryAfterMs ?? 1000) / 1000);
    throw new HttpError(429, err.message, { "retry-after": String(seconds) });
  }
}

async function createPrivate(deps: RoomsApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const actor = await caller(deps, req);
  if (actor.guest) throw new HttpError(403, "guests cannot own rooms; register first");
  const { room } = await jsonBody(req, PrivateRoomRequest);
  await chargeCreation(deps, actor.id, req);
  const epoch = randomBytes(8).toString("base64url");
  if (!(await deps.store.access.createPrivate(room, actor.id, epoch, deps.now()))) {
    throw new HttpError(409, "a room of that name exists");
  }
  deps.log.info({ room, owner: actor.id }, "private room created");
  return { status: 201, body: { room, owner: actor.id } };
}

async function invite(deps: RoomsApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const actor = await caller(deps, req);
  const body = await jsonBody(req, RoomMemberRequest);
  await managed(deps, actor, body.room);
  const user = await deps.store.accounts.getUser(body.user);
  if (!user) throw new HttpError(404, "no such user");
  const now = deps.now();
  await deps.store.access.addMember(body.room, user.id, now);
  await recordAudit(deps, actor, "invite", { target: user.id, detail: body.room });
  return { status: 204 };
}

async function remove(deps: RoomsApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const actor = await caller(deps, req);
  const body = await jsonBody(req, RoomMemberRequest);
  const room = await managed(deps, actor, body.room);
  if (body.user === room.ownerId) throw new HttpError(409, "the owner cannot be removed");
  if (!(await deps.store.access.removeMember(body.room, body.user))) {
    throw new HttpError(404, "not a member");
  }
  // Out of the room on every node now, and not back on the user's next connect.
  await deps.evictions.evict(body.room, [body.user]);
  await deps.store.savedRooms.remove(body.user, body.room);
  await recordAudit(deps, actor, "remove", { target: body.user, detail: body.room });
  return { status: 204 };
}

async function members(deps: RoomsApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const actor = await caller(deps, req);
  const param = new URL(req.url ?? "/", "http://localhost").searchParams.get("room") ?? "";
  const room = parse(PublicRoomName, param);
  const found = await deps.store.access.privateRoom(room);
  // Outsiders learn nothing, not even that the room exists.
  if (
    !found ||
    (!isModerator(actor) && (await deps.store.access.level(room, actor.id)) !== "member")
  ) {
    throw new HttpError(404, "no such private room");
  }
  const users: User[] = [];
  for (const id of await deps.store.access.members(room)) {
    const user = await deps.store.getUser(id);
    if (user) users.push(user);
  }
  const answer: RoomMembersResponse = { room, owner: found.ownerId, members: users };
  return { status: 200, body: answer };
}

/** The private-room routes (documented in the protocol README), by path. */
export function roomsApiRoutes(deps: RoomsApiDeps): [string, Route][] {
  return routesOf(deps, ROOM_PATHS, { createPrivate, invite, remove, members });
}
