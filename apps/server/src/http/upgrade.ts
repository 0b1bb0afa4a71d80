import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ECHO_PATH, SUPPORTED_SUBPROTOCOLS, WS_PATH } from "@duplex/protocol";

/** Why an upgrade request is refused, as an HTTP status and a readable body. */
export interface Refusal {
  status: number;
  body: string;
}

/** The subprotocols a client offered in `Sec-WebSocket-Protocol` (comma-separated, RFC 6455 §4.1). */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers["sec-websocket-protocol"];
  if (header === undefined) return [];
  return header
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Whether the upgrade is for the classic echo endpoint (`/echo`) rather than the Duplex protocol. */
export function isEchoUpgrade(req: IncomingMessage): boolean {
  return new URL(req.url ?? "/", "http://localhost").pathname === ECHO_PATH;
}

/** Whether `origin` is the page this server (or the proxy in front, which passes `Host`) served. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Refuses a browser request from a page that is neither allowed nor this server's own (403). */
export function checkOrigin(
  req: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin === undefined || allowedOrigins.has(origin)) return undefined;
  // A page on another site sends its own Origin but our Host, so it never passes this.
  if (isSameOrigin(origin, req.headers.host)) return undefined;
  return { status: 403, body: `origin ${origin} is not allowed` };
}

/**
 * Checks an upgrade before ws sees it: path, subprotocol, then Origin. A missing Origin is allowed
 * (non-browser clients); browsers always send one, so the allow-list still blocks cross-site pages.
 */
export function checkUpgrade(
  req: IncomingMessage,
  allowedOrigins: ReadonlySet<string>,
  echoEnabled = true,
): Refusal | undefined {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  // The echo endpoint is the tutorial one: any subprotocol or none. It holds no user data, but a
  // foreign page must not open sockets from its visitors' addresses, so the Origin is checked.
  if (path === ECHO_PATH && echoEnabled) return checkOrigin(req, allowedOrigins);
  if (path !== WS_PATH) return { status: 404, body: `no WebSocket endpoint at ${path}` };
  const offered = offeredProtocols(req);
  if (!offered.some((p) => SUPPORTED_SUBPROTOCOLS.includes(p))) {
    return {
      status: 400,
      body: `unsupported subprotocol; offer one of: ${SUPPORTED_SUBPROTOCOLS.join(", ")} (Sec-WebSocket-Protocol)`,
    };
  }
  return checkOrigin(req, allowedOrigins);
}

/** Writes a complete HTTP response on the raw socket and closes it once flushed. */
export function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = `${refusal.body}\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ""}\r\n` +
      "Connection: close\r\n" +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `\r\n${body}`,
  );
}
