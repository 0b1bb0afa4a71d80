import { createHash, randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

/** RFC 6455 §1.3: the GUID appended to the key before hashing. */
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** The `Sec-WebSocket-Accept` a server must answer for `key` (§4.2.2). */
export function expectedAccept(key: string): string {
  return createHash("sha1")
    .update(key + WS_GUID)
    .digest("base64");
}

/** A fresh random `Sec-WebSocket-Key` (§4.1: 16 random bytes, base64). */
export const randomKey = (): string => randomBytes(16).toString("base64");

/**
 * The HTTP upgrade request (§4.1) for `path` on `127.0.0.1:port`. `headers` come after the defaults
 * (Host, Upgrade, Connection, Sec-WebSocket-Key, Sec-WebSocket-Version): a header of the same name
 * replaces its default in place, and `undefined` removes it.
 */
export function upgradeRequest(
  port: number,
  path: string,
  key: string,
  headers: Readonly<Record<string, string | undefined>> = {},
): string {
  const all: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: "websocket",
    Connection: "Upgrade",
    "Sec-WebSocket-Key": key,
    "Sec-WebSocket-Version": "13",
    ...headers,
  };
  const lines = Object.entries(all).flatMap(([k, v]) =>
    v === undefined ? [] : [`${k}: ${v}\r\n`],
  );
  return `GET ${path} HTTP/1.1\r\n${lines.join("")}\r\n`;
}

/** A server's answer to the upgrade request. */
export interface HandshakeResult {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Bytes after the response head (frames the server already sent). */
  rest: Buffer;
}

/** Reads the response head from `buffer`, or `undefined` while its blank line has not arrived. */
export function parseResponseHead(buffer: Buffer): HandshakeResult | undefined {
  const end = buffer.indexOf("\r\n\r\n");
  if (end === -1) return undefined;
  const [statusLine = "", ...lines] = buffer.subarray(0, end).toString("latin1").split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(" ")[1]), headers, rest: buffer.subarray(end + 4) };
}

function readResponseHead(socket: Socket): Promise<HandshakeResult> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const head = parseResponseHead(buffer);
      if (head === undefined) return;
      socket.off("data", onData);
      socket.off("error", reject);
      resolve(head);
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

/** Where and what to send in {@link rawHandshake}. */
export interface RawHandshakeOptions {
  port: number;
  /** @default "/" */
  path?: string;
  /** Replace (or remove, with `undefined`) request headers, as in {@link upgradeRequest}. */
  headers?: Readonly<Record<string, string | undefined>>;
}

/**
 * Opens a TCP connection to `127.0.0.1:port`, writes the upgrade request by hand and resolves with
 * the socket, the key sent and the response head, whatever its status: checking it is the caller's.
 */
export async function rawHandshake(
  options: RawHandshakeOptions,
): Promise<{ socket: Socket; key: string; response: HandshakeResult }> {
  const { port, path = "/", headers = {} } = options;
  const socket = connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const key = randomKey();
  const response = readResponseHead(socket);
  socket.write(upgradeRequest(port, path, key, headers));
  return { socket, key, response: await response };
}
