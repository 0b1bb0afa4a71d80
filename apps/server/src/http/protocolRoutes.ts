import type { IncomingMessage, ServerResponse } from "node:http";
import {
  ASYNCAPI_PATH,
  PROTOCOL_INFO_PATH,
  CAPABILITIES,
  PROTOCOL_VERSION,
  SUPPORTED_SUBPROTOCOLS,
  buildAsyncApiDocument,
  type ProtocolInfo,
} from "@duplex/protocol";
import type { Route } from "./route.js";

// A Host header is client input: anything but host[:port] falls back rather than landing in the document.
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const FALLBACK_HOST = "localhost";

function readOnly(handler: (req: IncomingMessage) => unknown): Route {
  return (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? "GET";
    if (method !== "GET" && method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const text = JSON.stringify(handler(req));
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      // Public, and read by tools and clients of other origins (a code generator, a browser probe).
      "access-control-allow-origin": "*",
      "cache-control": "no-cache",
    });
    res.end(method === "HEAD" ? undefined : text);
  };
}

type Document = ReturnType<typeof buildAsyncApiDocument>;
let cached: Document | undefined;

/** The AsyncAPI document naming `host` as its server. The build is cached; only `servers` is copied. */
export function asyncApiFor(host: string | undefined): Document {
  cached ??= buildAsyncApiDocument();
  const name = host !== undefined && HOST.test(host) ? host : FALLBACK_HOST;
  const servers = cached.servers as Record<string, Record<string, unknown>>;
  return {
    ...cached,
    servers: Object.fromEntries(
      Object.entries(servers).map(([key, server]) => [key, { ...server, host: name }]),
    ),
  };
}

/** What `GET /api/protocol` answers. */
export function protocolInfo(): ProtocolInfo {
  return {
    protocolVersion: PROTOCOL_VERSION,
    subprotocols: [...SUPPORTED_SUBPROTOCOLS],
    capabilities: [...CAPABILITIES],
  };
}

/** `GET /asyncapi.json` (the published contract) and `GET /api/protocol` (version negotiation). */
export function protocolRoutes(): ReadonlyMap<string, Route> {
  return new Map([
    [ASYNCAPI_PATH, readOnly((req) => asyncApiFor(req.headers.host))],
    [PROTOCOL_INFO_PATH, readOnly(() => protocolInfo())],
  ]);
}
