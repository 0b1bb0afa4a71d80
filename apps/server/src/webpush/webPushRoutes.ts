import type { IncomingMessage } from "node:http";
import {
  PushSubscriptionJson,
  PushUnsubscribeRequest,
  WEB_PUSH_LIMITS,
  WEB_PUSH_PATHS,
  type PushDevice,
  type PushDevicesResponse,
  type PushSubscribedResponse,
  type VapidKeyResponse,
} from "@duplex/protocol";
import { parse, requireMethod } from "../accounts/apiRequest.js";
import { authenticate, routesOf, type Answer } from "../accounts/authApi.js";
import { HttpError, readJson } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import type { Logger } from "../logger.js";
import type { Sessions } from "../session/Sessions.js";
import type { Store } from "../store/Store.js";
import type { PushSubscriptionRecord } from "../store/WebPushStore.js";
import { endpointOrigin, endpointProblem } from "./endpointPolicy.js";
import { subscriptionId } from "./WebPush.js";

export interface WebPushRoutesDeps {
  store: Store;
  sessions: Sessions;
  /** The VAPID public key every node signs with. */
  publicKey: string;
  allowInsecureEndpoints: boolean;
  log: Logger;
  now(): number;
}

/** What the owner and admins see of a device: never the endpoint (a secret URL) or the keys. */
export function toDevice(sub: PushSubscriptionRecord): PushDevice {
  return {
    id: sub.id,
    origin: endpointOrigin(sub.endpoint),
    createdAt: sub.createdAt,
    ...(sub.lastSuccessAt !== undefined && { lastSuccessAt: sub.lastSuccessAt }),
  };
}

async function vapid(deps: WebPushRoutesDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const body: VapidKeyResponse = { publicKey: deps.publicKey };
  return { status: 200, body };
}

async function subscriptions(deps: WebPushRoutesDeps, req: IncomingMessage): Promise<Answer> {
  if (req.method === "DELETE") return unsubscribe(deps, req);
  if (req.method !== "POST")
    throw new HttpError(405, "use POST or DELETE", { allow: "POST, DELETE" });
  const { userId, session } = await authenticate(deps, req);
  const body = parse(PushSubscriptionJson, await readJson(req));
  const problem = endpointProblem(body.endpoint, deps.allowInsecureEndpoints);
  if (problem) throw new HttpError(400, problem);
  const sub = {
    id: subscriptionId(body.endpoint),
    userId,
    sessionId: session.id,
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh,
    auth: body.keys.auth,
    createdAt: deps.now(),
  };
  const saved = await deps.store.webPush.saveSubscription(
    sub,
    WEB_PUSH_LIMITS.maxSubscriptionsPerUser,
  );
  if (saved === "full") {
    throw new HttpError(
      409,
      `at most ${WEB_PUSH_LIMITS.maxSubscriptionsPerUser} devices; remove one (sign it out) first`,
    );
  }
  deps.log.info({ user: userId, device: sub.id, saved }, "push subscription saved");
  const stored = (await deps.store.webPush.subscriptionsOf(userId, deps.now())).find(
    (s) => s.id === sub.id,
  );
  const answer: PushSubscribedResponse = { device: toDevice(stored ?? sub) };
  return { status: saved === "created" ? 201 : 200, body: answer };
}

async function unsubscribe(deps: WebPushRoutesDeps, req: IncomingMessage): Promise<Answer> {
  const { userId } = await authenticate(deps, req);
  const body = parse(PushUnsubscribeRequest, await readJson(req));
  if (await deps.store.webPush.removeSubscription(userId, body.endpoint)) {
    deps.log.info(
      { user: userId, device: subscriptionId(body.endpoint) },
      "push subscription removed",
    );
  }
  return { status: 204 };
}

const RANK = { owner: 2, admin: 1, member: 0 } as const;

/** `GET /api/admin/push-devices/:userId`: the devices the admin UI lists for a user. */
async function adminDevices(deps: WebPushRoutesDeps, req: IncomingMessage): Promise<Answer> {
  requireMethod(req, "GET");
  const { userId } = await authenticate(deps, req);
  const actor = await deps.store.accounts.getUser(userId);
  if (!actor || actor.guest || actor.bannedAt !== undefined || RANK[actor.role] < 1) {
    throw new HttpError(403, "owners and admins only");
  }
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const target = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
  const subs = await deps.store.webPush.subscriptionsOf(target, deps.now());
  const body: PushDevicesResponse = { devices: subs.map(toDevice) };
  return { status: 200, body };
}

/** The Web Push routes (documented in the protocol README), by path. */
export function webPushRoutes(deps: WebPushRoutesDeps): [string, Route][] {
  return routesOf(deps, WEB_PUSH_PATHS, { vapid, subscriptions, adminDevices });
}
