import type { IncomingMessage, ServerResponse } from "node:http";
import {
  AUTH_PATHS,
  CloseCode,
  LoginRequest,
  RegisterRequest,
  RenameRequest,
  nameProblem,
  normalizeName,
  type AuthResponse,
  type SessionsResponse,
  type User,
} from "@duplex/protocol";
import type { Logger } from "../logger.js";
import { nameKey } from "../names/nameKey.js";
import type { SessionEnder } from "../session/SessionEnder.js";
import type { Sessions } from "../session/Sessions.js";
import type { Store } from "../store/Store.js";
import type { Route } from "../http/requestHandler.js";
import { HttpError, bearerToken, sendFailure, sendJson } from "../http/jsonApi.js";
import { newUserId } from "../handlers/session.js";
import { jsonBody, lastPathSegment, requireMethod } from "./apiRequest.js";
import type { LoginLockout } from "./LoginLockout.js";
import { checkPassword, hashPassword, weakPassword } from "./passwords.js";

export interface AuthApiDeps {
  store: Store;
  sessions: Sessions;
  sessionEnder: SessionEnder;
  lockout: LoginLockout;
  /** nameKey of `OWNER`: the account that registers under it is the owner. Unset: the first account. */
  owner: string | undefined;
  log: Logger;
  now(): number;
}

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

const deviceOf = (req: IncomingMessage) => req.headers["user-agent"] ?? "unknown device";
const addressOf = (req: IncomingMessage) => req.socket.remoteAddress ?? "unknown";

/** A chosen name, normalized; its problem as a 400. */
function chosenName(raw: string): string {
  const name = normalizeName(raw);
  const problem = nameProblem(name);
  if (problem) throw new HttpError(400, `name: ${problem}`);
  return name;
}

const unauthorized = () =>
  new HttpError(401, "missing, invalid or revoked token", { "www-authenticate": "Bearer" });

export async function authenticate(deps: Pick<AuthApiDeps, "sessions">, req: IncomingMessage) {
  const token = bearerToken(req);
  const found = token === undefined ? undefined : await deps.sessions.check(token);
  if (!found) throw unauthorized();
  return found;
}

async function register(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const body = await jsonBody(req, RegisterRequest);
  const name = chosenName(body.name);
  const weak = weakPassword(body.password, name);
  if (weak) throw new HttpError(400, weak);
  const key = nameKey(name);
  // A guest with its token claims an account for its own name (or a free one), keeping its id.
  const guest = bearerToken(req) === undefined ? undefined : await authenticate(deps, req);
  const stored = guest && (await deps.store.accounts.getUser(guest.userId));
  if (stored && !stored.guest) throw new HttpError(409, "already an account");
  const userId = stored?.id ?? newUserId();
  const holder = (await deps.store.accounts.holders([key])).get(key);
  if (holder && holder.id !== userId) throw new HttpError(409, "name taken");
  const hash = await hashPassword(body.password);
  if (!stored) await deps.store.upsertUser({ id: userId, name });
  if ((await deps.store.accounts.bindName(userId, name, key, deps.now())) !== userId) {
    throw new HttpError(409, "name taken");
  }
  const user: User = { id: userId, name };
  await deps.store.upsertUser(user);
  await deps.store.accounts.setPassword(userId, hash);
  // The owner: the account named by OWNER, else the first account.
  const owner =
    deps.owner === undefined ? !(await deps.store.accounts.hasOwner()) : deps.owner === key;
  if (owner) await deps.store.accounts.setRole(userId, "owner");
  const started = await deps.sessions.start(userId, name, deviceOf(req));
  deps.log.info({ user: userId, claimed: stored !== undefined }, "account registered");
  const answer: AuthResponse = {
    user,
    token: started.issued.token,
    tokenExpiresAt: started.issued.expiresAt,
  };
  return { status: 201, body: answer };
}

async function login(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const body = await jsonBody(req, LoginRequest);
  const key = nameKey(normalizeName(body.name));
  const address = addressOf(req);
  const waitMs = deps.lockout.retryAfterMs(key, address);
  if (waitMs > 0) {
    throw new HttpError(429, "too many failed sign-ins; try again later", {
      "retry-after": String(Math.ceil(waitMs / 1000)),
    });
  }
  const account = await deps.store.accounts.credentials(key);
  // Same answer and about the same time for an unknown name as for a wrong password.
  if (!(await checkPassword(body.password, account?.hash)) || !account) {
    deps.lockout.fail(key, address);
    throw new HttpError(401, "wrong name or password");
  }
  deps.lockout.succeed(key, address);
  if ((await deps.store.accounts.getUser(account.user.id))?.bannedAt !== undefined) {
    throw new HttpError(403, "banned");
  }
  const started = await deps.sessions.start(account.user.id, account.user.name, deviceOf(req));
  const answer: AuthResponse = {
    user: account.user,
    token: started.issued.token,
    tokenExpiresAt: started.issued.expiresAt,
  };
  return { status: 200, body: answer };
}

async function endSession(deps: AuthApiDeps, userId: string, sid: string): Promise<boolean> {
  if (!(await deps.store.accounts.revokeSession(sid, userId, deps.now()))) return false;
  await deps.sessionEnder.end({ sessions: [sid], code: CloseCode.Unauthorized });
  return true;
}

async function logout(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const { userId, session } = await authenticate(deps, req);
  await endSession(deps, userId, session.id);
  return { status: 204 };
}

async function sessions(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const { userId, session } = await authenticate(deps, req);
  const list = await deps.store.accounts.listSessions(userId, deps.now());
  const answer: SessionsResponse = {
    sessions: list.map((s) => ({
      id: s.id,
      device: s.device,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      current: s.id === session.id,
    })),
  };
  return { status: 200, body: answer };
}

async function revoke(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "DELETE");
  const { userId } = await authenticate(deps, req);
  const sid = lastPathSegment(req);
  if (!(await endSession(deps, userId, sid))) throw new HttpError(404, "no such session");
  return { status: 204 };
}

async function rename(deps: AuthApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "POST");
  const { userId } = await authenticate(deps, req);
  const body = await jsonBody(req, RenameRequest);
  const stored = await deps.store.accounts.getUser(userId);
  if (!stored || stored.guest) {
    throw new HttpError(403, "guests choose their name in hello; register to rename");
  }
  const name = chosenName(body.name);
  if ((await deps.store.accounts.bindName(userId, name, nameKey(name), deps.now())) !== userId) {
    throw new HttpError(409, "name taken");
  }
  const user: User = { id: userId, name };
  await deps.store.upsertUser(user);
  return { status: 200, body: { user } };
}

export function route<D extends { log: Logger }>(
  deps: D,
  handler: (deps: D, req: IncomingMessage) => Promise<Answer>,
): Route {
  return (req: IncomingMessage, res: ServerResponse) => {
    handler(deps, req).then(
      (answer) => sendJson(res, answer.status, answer.body, answer.headers),
      (err: unknown) =>
        sendFailure(req, res, err, (e) => deps.log.error({ err: e }, "auth API failed")),
    );
  };
}

/**
 * An API's routes: each handler of `handlers` serves the path of `paths` under the same key.
 * @returns `[path, route]` pairs, for the server's route map.
 */
export function routesOf<D extends { log: Logger }, K extends string>(
  deps: D,
  paths: Readonly<Record<K, string>>,
  handlers: Partial<Record<K, (deps: D, req: IncomingMessage) => Promise<Answer>>>,
): [string, Route][] {
  const keys = Object.keys(handlers) as K[];
  return keys.flatMap((key) => {
    const handler = handlers[key];
    return handler ? [[paths[key], route(deps, handler)] satisfies [string, Route]] : [];
  });
}

/** The routes of the account API (documented in the protocol README), by path. */
export function authRoutes(deps: AuthApiDeps): [string, Route][] {
  return [
    ...routesOf(deps, AUTH_PATHS, { register, login, logout, sessions, rename }),
    [`${AUTH_PATHS.sessions}/*`, route(deps, revoke)],
  ];
}
