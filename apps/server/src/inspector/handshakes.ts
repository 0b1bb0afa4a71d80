import type { IncomingMessage } from "node:http";
import type { Handshake } from "@duplex/protocol";
import type { WebSocket, WebSocketServer } from "ws";

// Per-connection data, keyed by the objects themselves so nothing outlives its socket.
const responseLines = new WeakMap<IncomingMessage, readonly string[]>();
const handshakes = new WeakMap<WebSocket, Handshake>();

/**
 * Remembers the `101` response lines ws writes for each upgrade request (its `headers` event hands
 * them over just before they are written), so `recordHandshake` can report what was really sent.
 */
export function trackHandshakeResponses(wss: WebSocketServer): void {
  wss.on("headers", (headers, req) => {
    responseLines.set(req, headers);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** `Name: value` lines after the status line, by lower-cased name. */
function parseResponse(lines: readonly string[]): { status: number; headers: Map<string, string> } {
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 101);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status, headers };
}

/** Call from the upgrade callback: stores what this socket's handshake carried, both ways. */
export function recordHandshake(ws: WebSocket, req: IncomingMessage): void {
  const { status, headers } = parseResponse(responseLines.get(req) ?? []);
  responseLines.delete(req);
  const protocol = headers.get("sec-websocket-protocol");
  const extensions = headers.get("sec-websocket-extensions");
  handshakes.set(ws, {
    request: {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      upgrade: header(req, "upgrade"),
      connection: header(req, "connection"),
      secWebSocketKey: header(req, "sec-websocket-key"),
      secWebSocketVersion: header(req, "sec-websocket-version"),
      secWebSocketProtocol: header(req, "sec-websocket-protocol"),
      origin: header(req, "origin"),
    },
    response: {
      status,
      secWebSocketAccept: headers.get("sec-websocket-accept") ?? "",
      ...(protocol !== undefined && { protocol }),
      ...(extensions !== undefined && { extensions }),
    },
  });
}

/** This socket's own handshake, if it was recorded. */
export function handshakeOf(ws: WebSocket): Handshake | undefined {
  return handshakes.get(ws);
}
