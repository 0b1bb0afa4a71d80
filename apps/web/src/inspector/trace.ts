import type { InspectorSlice } from "./inspectorSlice.js";
import { finalClose } from "./inspectorSlice.js";

/** The per-connection trace as a JSON document: handshake, frames, heartbeats, close. */
export function buildTrace(slice: InspectorSlice, exportedAt: number): string {
  const close = finalClose(slice);
  return JSON.stringify(
    {
      exportedAt: new Date(exportedAt).toISOString(),
      handshake: slice.handshake ?? null,
      computedAccept: slice.computedAccept ?? null,
      acceptMatches:
        slice.handshake !== undefined &&
        slice.computedAccept === slice.handshake.response.secWebSocketAccept,
      // Oldest first, as they happened.
      frames: [...slice.frames].reverse(),
      heartbeats: slice.controls.filter((f) => f.kind === "ping" || f.kind === "pong"),
      closes: slice.controls.filter((f) => f.kind === "close"),
      finalClose: close ? { code: close.code, reason: close.reason } : null,
      totals: slice.totals,
      http: slice.http ?? null,
      rttMs: { websocket: slice.wsRttMs, http: slice.httpRttMs },
    },
    null,
    2,
  );
}
