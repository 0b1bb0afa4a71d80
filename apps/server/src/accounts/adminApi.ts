import type { IncomingMessage } from "node:http";
import {
  ADMIN_PATHS,
  BanRequest,
  CloseCode,
  MuteRequest,
  RoleRequest,
  UnmuteRequest,
  type AuditResponse,
  type MuteResponse,
} from "@duplex/protocol";
import type { z } from "zod";
import type { Logger } from "../logger.js";
import type { Mutes } from "../moderation/Mutes.js";
import { HttpError } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import type { SessionEnder } from "../session/SessionEnder.js";
import type { Sessions } from "../session/Sessions.js";
import type { StoredUser } from "../store/AccountStore.js";
import type { Store } from "../store/Store.js";
import { jsonBody, recordAudit, requireMethod } from "./apiRequest.js";
import { authenticate, routesOf, type Answer } from "./authApi.js";

export interface AdminApiDeps {
  store: Store;
  sessions: Sessions;
  sessionEnder: SessionEnder;
  mutes: Mutes;
  log: Logger;
  now(): number;
}

/** How many audit entries `GET /api/admin/audit` answers. */
export const AUDIT_PAGE = 200;

const RANK = { owner: 2, admin: 1, member: 0 } as const;

/** The calling account, if it is an owner or admin and not banned; else 401/403. */
async function moderator(deps: AdminApiDeps, req: IncomingMessage): Promise<StoredUser> {
  const { userId } = await authenticate(deps, req);
  const actor = await deps.store.accounts.getUser(userId);
  if (!actor || actor.guest || actor.bannedAt !== undefined || RANK[actor.role] < 1) {
    throw new HttpError(403, "owners and admins only");
  }
  return actor;
}

/** The target of an action on `user`: it must exist and rank below the actor. */
async function target(deps: AdminApiDeps, actor: StoredUser, user: string): Promise<StoredUser> {
  const found = await deps.store.accounts.getUser(user);
  if (!found) throw new HttpError(404, "no such user");
  const rank = found.guest ? -1 : RANK[found.role];
  if (found.id === actor.id || rank >= RANK[actor.role]) {
    throw new HttpError(403, "only a higher role may do this to that user");
  }
  return found;
}

/** A moderation request: a POST by a moderator (the owner only, if so), on a user ranked below them. */
async function moderation<T extends { user: string }>(
  deps: AdminApiDeps,
  req: IncomingMessage,
  schema: z.ZodType<T>,
  ownerOnly = false,
): Promise<{ actor: StoredUser; body: T; user: StoredUser }> {
  requireMethod(req, "POST");
  const actor = await moderator(deps, req);
  if (ownerOnly && actor.role !== "owner") throw new HttpError(403, "the owner only");
  const body = await jsonBody(req, schema);
  return { actor, body, user: await target(deps, actor, body.user) };
}

async function ban(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  const { actor, user } = await moderation(deps, req, BanRequest);
  const now = deps.now();
  await deps.store.accounts.setBanned(user.id, now);
  await deps.store.accounts.revokeSessionsOf(user.id, now);
  // Every socket of the user, on every node, whichever session it came from.
  await deps.sessionEnder.end({ users: [user.id], code: CloseCode.Forbidden });
  await recordAudit(deps, actor, "ban", { target: user.id, detail: user.name });
  deps.log.info({ actor: actor.id, target: user.id }, "user banned");
  return { status: 204 };
}

async function unban(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  const { actor, user } = await moderation(deps, req, BanRequest);
  await deps.store.accounts.setBanned(user.id, undefined);
  await recordAudit(deps, actor, "unban", { target: user.id, detail: user.name });
  return { status: 204 };
}

async function role(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  const { actor, body, user } = await moderation(deps, req, RoleRequest, true);
  if (user.guest) throw new HttpError(409, "guests have no role; they register first");
  await deps.store.accounts.setRole(user.id, body.role);
  await recordAudit(deps, actor, "role", { target: user.id, detail: body.role });
  return { status: 204 };
}

async function mute(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  const { actor, body, user } = await moderation(deps, req, MuteRequest);
  const now = deps.now();
  const until = now + body.durationMs;
  await deps.mutes.mute({ userId: user.id, room: body.room ?? "", until });
  await recordAudit(deps, actor, "mute", {
    target: user.id,
    detail: `${body.room ?? "everywhere"} until ${new Date(until).toISOString()}`,
  });
  const answer: MuteResponse = { until };
  return { status: 200, body: answer };
}

async function unmute(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  const { actor, body, user } = await moderation(deps, req, UnmuteRequest);
  if (!(await deps.mutes.unmute(user.id, body.room ?? ""))) throw new HttpError(404, "not muted");
  await recordAudit(deps, actor, "unmute", { target: user.id, detail: body.room ?? "everywhere" });
  return { status: 204 };
}

async function audit(deps: AdminApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  await moderator(deps, req);
  const entries = await deps.store.accounts.auditLog(AUDIT_PAGE);
  const answer: AuditResponse = {
    entries: entries.map((e) => ({
      ts: e.ts,
      actor: e.actorId,
      action: e.action,
      target: e.targetId,
      detail: e.detail,
    })),
  };
  return { status: 200, body: answer };
}

/** The moderation routes (documented in the protocol README), by path. */
export function adminRoutes(deps: AdminApiDeps): [string, Route][] {
  return routesOf(deps, ADMIN_PATHS, { ban, unban, role, audit, mute, unmute });
}
