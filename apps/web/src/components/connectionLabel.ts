import { CloseCode } from "@duplex/protocol";
import { t as currentT } from "../i18n/localeStore.js";
import type { Translate } from "../i18n/translate.js";
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

/** @param t the language to speak @default the current UI language */
export function connectionLabel(
  connection: ConnectionSlice,
  now: number,
  t: Translate = currentT,
): ConnectionLabel {
  switch (connection.status) {
    case "open": {
      // Which transport is live: SSE means a network that blocks WebSocket, worth showing.
      const via =
        connection.transport === "sse"
          ? t("connection.viaSse")
          : connection.transport === "websocket"
            ? t("connection.viaWebSocket")
            : "";
      const rtt =
        connection.rttMs !== undefined
          ? t("connection.rtt", { ms: Math.round(connection.rttMs) })
          : "";
      return {
        tone: "online",
        lead: t("connection.online"),
        ...(via + rtt !== "" && { trail: via + rtt }),
      };
    }
    case "connecting":
      return waitingForSlot(connection, t) ?? { tone: "pending", lead: t("connection.connecting") };
    case "reconnecting": {
      const waiting = waitingForSlot(connection, t);
      if (waiting !== undefined) return waiting;
      // The browser reported the network gone (the client drops the socket at once and waits for
      // `online`): say so, rather than count down to a retry that is not coming.
      if (connection.nextRetryAt === undefined && connection.lastClose?.reason === "offline") {
        return {
          tone: "offline",
          lead: t("connection.offline"),
          trail: t("connection.waitingForNetwork"),
        };
      }
      const waitMs = (connection.nextRetryAt ?? 0) - now;
      const trail =
        connection.attempt > 0
          ? t("connection.attempt", { attempt: connection.attempt })
          : undefined;
      return {
        tone: "pending",
        lead: t("connection.reconnecting"),
        countdown:
          waitMs > 0 ? t("connection.retryIn", { seconds: Math.ceil(waitMs / 1000) }) : "…",
        ...(trail !== undefined && { trail }),
      };
    }
    case "idle":
    case "closed": {
      const close = connection.lastClose;
      // A fatal close (bad token, forbidden) is worth explaining; a polite `close()` is not.
      const reason =
        close && !close.retryable && close.code !== 1000
          ? fatalReason(close.code, close.reason, t)
          : "";
      return {
        tone: "offline",
        lead: t("connection.offline"),
        ...(reason !== "" && { trail: t("connection.reason", { reason }) }),
      };
    }
    default: {
      const unhandled: never = connection.status;
      throw new Error(`unknown connection status ${String(unhandled)}`);
    }
  }
}

/**
 * Every SSE stream slot of this browser is held by other tabs: say so, rather than spin on a request
 * the browser would queue behind their streams.
 */
function waitingForSlot(connection: ConnectionSlice, t: Translate): ConnectionLabel | undefined {
  if (connection.streamSlotsFull === undefined) return undefined;
  return {
    tone: "pending",
    lead: t("connection.waitingForSlot"),
    trail: t("connection.slotsFull", { count: connection.streamSlotsFull }),
  };
}

/** A fatal close in the UI's language: the wire's reason is English, for logs and other clients. */
function fatalReason(code: number, reason: string, t: Translate): string {
  switch (code) {
    case CloseCode.UpgradeRequired:
      return t("close.upgraded");
    case CloseCode.Unauthorized:
      return t("close.unauthorized");
    case CloseCode.Forbidden:
      return t("close.forbidden");
    case CloseCode.BadHello:
    case CloseCode.ProtocolError:
    case CloseCode.UnsupportedData:
    case CloseCode.InvalidPayload:
      return t("close.protocol");
    default:
      return reason;
  }
}
