import {
  PushDevicesResponse,
  PushSubscribedResponse,
  PushSubscriptionJson,
  PushUnsubscribeRequest,
  VapidKeyResponse,
  WEB_PUSH_PATHS,
} from "../webPushApi.js";

/** The Web Push endpoints, listed with the other HTTP endpoints of the AsyncAPI document. */
export const WEB_PUSH_ENDPOINTS = [
  {
    key: "pushVapid",
    method: "GET",
    path: WEB_PUSH_PATHS.vapid,
    title:
      "GET /api/push/vapid → 200 {publicKey}: the server's VAPID key (applicationServerKey), the same on every node",
    response: VapidKeyResponse,
  },
  {
    key: "pushSubscribe",
    method: "POST",
    path: WEB_PUSH_PATHS.subscriptions,
    title:
      "POST /api/push/subscriptions (Bearer) with PushSubscription.toJSON() → 201 {device} (200 when already registered); 400 not an https push service or bad keys; 401; 409 too many devices",
    request: PushSubscriptionJson,
    response: PushSubscribedResponse,
  },
  {
    key: "pushUnsubscribe",
    method: "DELETE",
    path: WEB_PUSH_PATHS.subscriptions,
    title: "DELETE /api/push/subscriptions (Bearer) {endpoint} → 204 (also when unknown); 401",
    request: PushUnsubscribeRequest,
  },
  {
    key: "adminPushDevices",
    method: "GET",
    path: "/api/admin/push-devices/{id}",
    title:
      "GET /api/admin/push-devices/{id} (Bearer, owner or admin) → 200 {devices}, newest first: origin, created, last accepted push; 403 not allowed",
    response: PushDevicesResponse,
    idDescription: "A user id",
  },
] as const;
