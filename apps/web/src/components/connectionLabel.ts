import type { ConnectionSlice } from "../store/connectionSlice.js";

export type ConnectionTone = "online" | "pending" | "offline";

/**
 * The status pill's words, in three parts so the once-a-second countdown can be hidden from screen
 * readers (an `aria-live` region would otherwise announce every tick).
 */
export interface ConnectionLabel {
  tone: ConnectionTone;
  lead: string;
  /** " in 3 s" while a reconnect is scheduled; visual only. */
  countdown?: string;
  trail?: string;
}

export function connectionLabel(connection: ConnectionSlice, now: number): ConnectionLabel {
  switch (connection.status) {
    case "open":
      return {
        tone: "online",
        lead: "Online",
        ...(connection.rttMs !== undefined && { trail: ` · ${Math.round(connection.rttMs)} ms` }),
      };
    case "connecting":
      return { tone: "pending", lead: "Connecting…" };
    case "reconnecting": {
      const waitMs = (connection.nextRetryAt ?? 0) - now;
      const trail = connection.attempt > 0 ? ` (attempt ${connection.attempt})` : undefined;
      return {
        tone: "pending",
        lead: "Reconnecting",
        countdown: waitMs > 0 ? ` in ${Math.ceil(waitMs / 1000)} s` : "…",
        ...(trail !== undefined && { trail }),
      };
    }
    case "idle":
    case "closed": {
      const close = connection.lastClose;
      // A fatal close (bad token, forbidden) is worth explaining; a polite `close()` is not.
      const reason = close && !close.retryable && close.code !== 1000 ? close.reason : "";
      return { tone: "offline", lead: "Offline", ...(reason !== "" && { trail: ` — ${reason}` }) };
    }
    default: {
      const unhandled: never = connection.status;
      throw new Error(`unknown connection status ${String(unhandled)}`);
    }
  }
}
