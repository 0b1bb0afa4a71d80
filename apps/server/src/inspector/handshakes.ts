import type { IncomingMessage } from "node:http";
import type { Handshake } from "@duplex/protocol";
import type { WebSocket, WebSocketServer } from "ws";

// Per-connection data, keyed by the objects themselves so nothing outlives its socket.
const responseLines = new WeakMap<IncomingMessage, readonly string[]>();
// Keyed by any link: an SSE stream has no handshake and reads as undefined.
const handshakes = new WeakMap<object, string>();

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

/** The value of the response header `name` (lower case), from the lines after the status line. */
function responseHeader(lines: readonly string[], name: string): string | undefined {
  // A scan of the few lines ws writes, per header asked: no map of them all for every connection.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length > name.length && line[name.length] === ":") {
      if (line.slice(0, name.length).toLowerCase() === name)
        return line.slice(name.length + 1).trim();
    }
  }
  return undefined;
}

function responseStatus(lines: readonly string[]): number {
  return Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0] ?? "")?.[1] ?? 101);
}

// Stored per socket as ONE flat string (fields joined by a separator) rather than an object of header
// strings: every idle connection pays for it, and sliced header strings would keep whole request and
// response lines alive. `handshakeOf` rebuilds the object only when a socket asks to inspect.
const SEPARATOR = "\u0000";
const ABSENT = "\u0001";

const pack = (values: readonly (string | undefined)[]): string =>
  values.map((v) => v ?? ABSENT).join(SEPARATOR);

/** Call from the upgrade callback: stores what this socket's handshake carried, both ways. */
export function recordHandshake(ws: WebSocket, req: IncomingMessage): void {
  const lines = responseLines.get(req) ?? [];
  responseLines.delete(req);
  handshakes.set(
    ws,
    pack([
      req.method ?? "GET",
      req.url ?? "/",
      header(req, "upgrade"),
      header(req, "connection"),
      header(req, "sec-websocket-key"),
      header(req, "sec-websocket-version"),
      header(req, "sec-websocket-protocol"),
      header(req, "origin"),
      String(responseStatus(lines)),
      responseHeader(lines, "sec-websocket-accept") ?? "",
      responseHeader(lines, "sec-websocket-protocol"),
      responseHeader(lines, "sec-websocket-extensions"),
    ]),
  );
}

/** This socket's own handshake, if it was recorded. */
export function handshakeOf(ws: object): Handshake | undefined {
  const packed = handshakes.get(ws);
  if (packed === undefined) return undefined;
  const v = packed.split(SEPARATOR).map((s) => (s === ABSENT ? undefined : s));
  const [method, path, upgrade, connection, key, version, offered, origin] = v;
  const [status, accept, protocol, extensions] = v.slice(8);
  return {
    request: {
      method: method ?? "GET",
      path: path ?? "/",
      upgrade,
      connection,
      secWebSocketKey: key,
      secWebSocketVersion: version,
      secWebSocketProtocol: offered,
      origin,
    },
    response: {
      status: Number(status ?? 101),
      secWebSocketAccept: accept ?? "",
      ...(protocol !== undefined && { protocol }),
      ...(extensions !== undefined && { extensions }),
    },
  };
}
