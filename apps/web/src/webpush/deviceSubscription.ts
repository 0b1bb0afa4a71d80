import { WEB_PUSH_PATHS } from "@duplex/protocol";

/**
 * This device's Web Push subscription: ask the browser, subscribe with the server's VAPID key and
 * register it with the server; or the reverse. Browser and server are injected, so the states can
 * be tested without a push service (Chromium here cannot reach one, which is the refusal path).
 */

/** The parts of `PushSubscription` we use. */
export interface DeviceSubscription {
  endpoint: string;
  toJSON(): unknown;
  unsubscribe(): Promise<boolean>;
}

/** The parts of `PushManager` we use. */
export interface DevicePushManager {
  getSubscription(): Promise<DeviceSubscription | null>;
  subscribe(options: {
    userVisibleOnly: boolean;
    applicationServerKey: Uint8Array<ArrayBuffer>;
  }): Promise<DeviceSubscription>;
}

export type Permission = "default" | "granted" | "denied";

export interface PushEnvironment {
  /** The push manager of the service worker's registration, or undefined where there is none. */
  pushManager(): Promise<DevicePushManager | undefined>;
  permission(): Permission;
  requestPermission(): Promise<Permission>;
  /** Same-origin HTTP. */
  http(path: string, init?: RequestInit): Promise<Response>;
  /** The session's bearer token (a subscription belongs to a session). */
  token(): string | undefined;
}

export type PushStatus =
  | { status: "unsupported" }
  | { status: "off" }
  | { status: "denied" }
  | { status: "working" }
  | { status: "on" }
  /** `browser`: the push service refused (`detail` says what the browser said); `server`: ours did. */
  | { status: "failed"; where: "browser" | "server"; detail?: string };

/** A base64url VAPID key as the bytes `applicationServerKey` takes. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What the browser said (a `DOMException` is not an `Error` in every environment). */
function errorText(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === "string" && message !== "" ? message : String(error);
}

/** What the device is now: the browser's permission first, then whether a subscription exists. */
export async function currentStatus(env: PushEnvironment): Promise<PushStatus> {
  const manager = await env.pushManager();
  if (!manager) return { status: "unsupported" };
  if (env.permission() === "denied") return { status: "denied" };
  const subscription = await manager.getSubscription().catch(() => null);
  return subscription && env.permission() === "granted" ? { status: "on" } : { status: "off" };
}

function authorized(env: PushEnvironment, init: RequestInit): RequestInit | undefined {
  const token = env.token();
  if (token === undefined) return undefined;
  return {
    ...init,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  };
}

async function vapidKey(env: PushEnvironment): Promise<string | undefined> {
  try {
    const response = await env.http(WEB_PUSH_PATHS.vapid);
    if (!response.ok) return undefined;
    const { VapidKeyResponse } = await import("../store/responseSchemas.js");
    return VapidKeyResponse.safeParse(await response.json()).data?.publicKey;
  } catch {
    return undefined;
  }
}

/** The opt-in: permission (asked only here, on the user's click), subscribe, register. */
export async function turnOn(env: PushEnvironment): Promise<PushStatus> {
  const manager = await env.pushManager();
  if (!manager) return { status: "unsupported" };
  const permission = await env.requestPermission();
  if (permission === "denied") return { status: "denied" };
  if (permission !== "granted") return { status: "off" }; // dismissed: ask again on the next click
  const key = await vapidKey(env);
  if (key === undefined) return { status: "failed", where: "server" };
  let subscription: DeviceSubscription;
  try {
    subscription = await manager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key),
    });
  } catch (error) {
    return { status: "failed", where: "browser", detail: errorText(error) };
  }
  const init = authorized(env, { method: "POST", body: JSON.stringify(subscription.toJSON()) });
  const response = init
    ? await env.http(WEB_PUSH_PATHS.subscriptions, init).catch(() => undefined)
    : undefined;
  if (response?.ok) return { status: "on" };
  // A subscription the server does not know would never be pushed to: drop it.
  await subscription.unsubscribe().catch(() => false);
  return { status: "failed", where: "server" };
}

/** The per-device opt-out: the server forgets this endpoint, and the browser drops it. */
export async function turnOff(env: PushEnvironment): Promise<PushStatus> {
  const manager = await env.pushManager();
  if (!manager) return { status: "unsupported" };
  const subscription = await manager.getSubscription().catch(() => null);
  if (!subscription) return { status: "off" };
  const init = authorized(env, {
    method: "DELETE",
    body: JSON.stringify({ endpoint: subscription.endpoint }),
  });
  // Unsubscribed in the browser even if the server is unreachable: the push service then answers
  // the server's next push with 410, and the server prunes the endpoint itself.
  if (init) await env.http(WEB_PUSH_PATHS.subscriptions, init).catch(() => undefined);
  await subscription.unsubscribe().catch(() => false);
  return { status: "off" };
}

/** The real browser: the registered service worker's push manager and the Notification API. */
export function browserPushEnvironment(token: () => string | undefined): PushEnvironment {
  return {
    async pushManager() {
      if (!("serviceWorker" in navigator) || typeof Notification === "undefined") return undefined;
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration || !("pushManager" in registration)) return undefined;
      // Subscribing needs an active worker; a registration made on this load may still install.
      const ready = await navigator.serviceWorker.ready;
      return ready.pushManager;
    },
    permission: () => Notification.permission,
    requestPermission: () => Notification.requestPermission(),
    http: (path, init) => fetch(path, init),
    token,
  };
}
