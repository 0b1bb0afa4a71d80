import type { Notification } from "@duplex/protocol";
import type { ScriptedClient } from "./scriptedClient.js";

let next = 1;

/** A stored notification as the server sends it; later calls are newer unless `ts` says otherwise. */
export function notification(extra: Partial<Notification> = {}): Notification {
  const n = next++;
  return {
    id: `n_${n}`,
    kind: "system",
    title: `Notice ${n}`,
    body: `Body ${n}`,
    level: "info",
    ts: Date.UTC(2026, 10, 25, 12, 0, n),
    read: false,
    ...extra,
  };
}

/** Pushes notifications as the server does (live, or replayed after `welcome`). */
export function push(client: ScriptedClient, ...items: Notification[]): void {
  for (const item of items) client.emit("message", { type: "notification", notification: item });
}
