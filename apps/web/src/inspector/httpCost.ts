import { INSPECT_HTTP_PATH } from "@duplex/protocol";
import type { HttpMeasurement } from "./inspectorSlice.js";
import { utf8Length } from "./frameSize.js";

/** The part of `fetch`/`performance` the measurements use, injectable for tests. */
export interface HttpEnvironment {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  now(): number;
}

export function browserHttpEnvironment(): HttpEnvironment {
  return {
    fetch: (url, init) => fetch(url, init),
    now: () => performance.now(),
  };
}

/** Bytes of a response head rebuilt from what `fetch` exposes: status line, header lines, blank line. */
export function responseHeadBytes(response: Response): number {
  let bytes = utf8Length(`HTTP/1.1 ${response.status} ${response.statusText}\r\n`);
  response.headers.forEach((value, name) => {
    bytes += utf8Length(`${name}: ${value}\r\n`);
  });
  return bytes + 2;
}

/**
 * What one plain HTTP request/response costs in headers, measured against this server:
 * - request: the server counts the request head it received (`GET /api/inspect/http` answers
 *   `requestBytes`), so cookies, user agent and everything else the browser adds are included;
 * - response: the response head rebuilt from the headers `fetch` exposes (status line, every
 *   `name: value` line, blank line). Resource Timing cannot tell: its `transferSize` counts a
 *   fixed 300 bytes for headers, so as not to leak their size.
 */
export async function measureHttpCost(env: HttpEnvironment): Promise<HttpMeasurement> {
  const url = `${INSPECT_HTTP_PATH}?t=${Math.round(env.now() * 1000)}`;
  const response = await env.fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`GET ${INSPECT_HTTP_PATH} answered ${response.status}`);
  const body = (await response.json()) as { requestBytes?: unknown };
  if (typeof body.requestBytes !== "number") throw new Error("no requestBytes in the answer");
  return { requestBytes: body.requestBytes, responseBytes: responseHeadBytes(response) };
}

/** Milliseconds for a fresh `GET /healthz` (no cache), body read. */
export async function timeHealthz(env: HttpEnvironment): Promise<number> {
  const started = env.now();
  const response = await env.fetch(`/healthz?t=${Math.round(started * 1000)}`, {
    cache: "no-store",
  });
  await response.text();
  return env.now() - started;
}

/** Header bytes the session's messages would have cost as one HTTP request/response each. */
export function httpHeaderBytesFor(messages: number, http: HttpMeasurement): number {
  return messages * (http.requestBytes + http.responseBytes);
}
