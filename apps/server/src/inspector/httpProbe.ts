import { INSPECT_HTTP_PATH } from "@duplex/protocol";
import type { IncomingMessage, ServerResponse } from "node:http";

/** Where the inspector measures what a plain HTTP request costs (GET only; nothing stored). */
export const HTTP_PROBE_PATH = INSPECT_HTTP_PATH;

/**
 * Bytes of the request head as it arrived: request line, every header line (as sent, in order, with
 * duplicates), and the blank line. Header bytes are what a browser sends on every HTTP request and
 * what a WebSocket frame replaces with 2–14 bytes.
 */
export function requestHeadBytes(req: IncomingMessage): number {
  let bytes = Buffer.byteLength(
    `${req.method ?? "GET"} ${req.url ?? "/"} HTTP/${req.httpVersion}\r\n`,
  );
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    bytes += Buffer.byteLength(`${raw[i]}: ${raw[i + 1]}\r\n`);
  }
  return bytes + 2;
}

/** Answers `{requestBytes, headerCount}`: the size of the request head this server just received. */
export function httpProbe(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== "GET") {
    res.writeHead(405, { allow: "GET" }).end();
    return;
  }
  const body = JSON.stringify({
    requestBytes: requestHeadBytes(req),
    headerCount: req.rawHeaders.length / 2,
  });
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  res.end(body);
}
