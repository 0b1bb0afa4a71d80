import type { IncomingMessage } from "node:http";
import { AUTH_PATHS, type MeResponse } from "@duplex/protocol";
import type { Logger } from "../logger.js";
import { HttpError } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import type { Sessions } from "../session/Sessions.js";
import type { Store } from "../store/Store.js";
import { requireMethod } from "./apiRequest.js";
import { authenticate, route, type Answer } from "./authApi.js";

export interface MeApiDeps {
  store: Store;
  sessions: Sessions;
  log: Logger;
}

/**
 * Who the bearer is and what they may do, so a client shows moderation controls from the answer
 * rather than by probing an admin route. A banned user's sessions are revoked, so it gets 401.
 */
async function me(deps: MeApiDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const { userId } = await authenticate(deps, req);
  const stored = await deps.store.accounts.getUser(userId);
  // A session whose user is gone or banned: the same answer as a revoked token.
  if (!stored || stored.bannedAt !== undefined) {
    throw new HttpError(401, "missing, invalid or revoked token", { "www-authenticate": "Bearer" });
  }
  const answer: MeResponse = {
    user: { id: stored.id, name: stored.name },
    role: stored.guest ? "guest" : stored.role,
    guest: stored.guest,
  };
  return { status: 200, body: answer };
}

/** `GET /api/auth/me` (documented with the account API in the protocol README). */
export function meRoutes(deps: MeApiDeps): [string, Route][] {
  return [[AUTH_PATHS.me, route(deps, me)]];
}
