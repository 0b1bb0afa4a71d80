/**
 * What the service worker does with a Web Push: pure functions over the server's payload, shared by
 * the worker (which has no DOM) and the page (which opens what a click asks for). Nothing here may
 * touch a DOM or worker global, so one module typechecks under both.
 */

/** The server's push payload: `{title, body, room, messageId, id, kind}` (room-less for alerts). */
export interface PushPayload {
  id: string;
  title: string;
  body: string;
  kind: string;
  room?: string;
  messageId?: string;
}

/** What a notification click asks the app to open. */
export interface OpenRequest {
  /** The notification's id, marked read once opened. */
  id?: string;
  room?: string;
  messageId?: string;
}

/** The message a service worker posts to an open tab on a click. */
export const OPEN_MESSAGE_TYPE = "duplex:open-notification";

const MAX_TITLE = 200;
const MAX_BODY = 1000;

function text(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.length > 0 ? value.slice(0, max) : undefined;
}

/** Reads a push's JSON tolerantly: unknown fields are ignored, a payload without a title is not ours. */
export function parsePushPayload(data: unknown): PushPayload | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const title = text(record.title, MAX_TITLE);
  if (title === undefined) return undefined;
  return {
    id: text(record.id, 200) ?? "",
    title,
    body: text(record.body, MAX_BODY) ?? "",
    kind: text(record.kind, 50) ?? "info",
    room: text(record.room, 200),
    messageId: text(record.messageId, 200),
  };
}

/** The URL a click opens when no tab is open: the app reads these params on load. */
export function openUrl(request: OpenRequest, scope = "/"): string {
  const params = new URLSearchParams();
  if (request.room) params.set("room", request.room);
  if (request.messageId) params.set("message", request.messageId);
  if (request.id) params.set("notification", request.id);
  const query = params.toString();
  return query ? `${scope}?${query}` : scope;
}

/** Reads what `openUrl` wrote; undefined when the page was not opened from a notification. */
export function readOpenRequest(search: string): OpenRequest | undefined {
  const params = new URLSearchParams(search);
  const request: OpenRequest = {
    id: params.get("notification") ?? undefined,
    room: params.get("room") ?? undefined,
    messageId: params.get("message") ?? undefined,
  };
  return request.id || request.room ? request : undefined;
}

/** Reads the message a worker posts to a tab. */
export function parseOpenMessage(data: unknown): OpenRequest | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (record.type !== OPEN_MESSAGE_TYPE) return undefined;
  return {
    id: text(record.id, 200),
    room: text(record.room, 200),
    messageId: text(record.messageId, 200),
  };
}

/** Options for `showNotification`, without the DOM's types (the worker's lib has its own). */
export interface ShownNotification {
  title: string;
  options: {
    body: string;
    tag: string;
    renotify: boolean;
    icon: string;
    badge: string;
    data: OpenRequest & { url: string };
  };
}

/**
 * One notification per room (`tag`), so a busy room replaces its notification instead of stacking
 * them; a mention or DM replaces it with sound and vibration again (`renotify`), chatter quietly.
 */
export function notificationFor(payload: PushPayload, scope = "/"): ShownNotification {
  const request: OpenRequest = { id: payload.id, room: payload.room, messageId: payload.messageId };
  const tag = payload.room ? `room:${payload.room}` : `notification:${payload.id}`;
  return {
    title: payload.title,
    options: {
      body: payload.body,
      tag,
      renotify: payload.kind === "mention" || payload.kind === "dm",
      icon: `${scope}icons/icon-192.png`,
      badge: `${scope}icons/icon-192.png`,
      data: { ...request, url: openUrl(request, scope) },
    },
  };
}
