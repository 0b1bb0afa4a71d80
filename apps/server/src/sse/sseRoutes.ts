import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CLOSE_REASONS,
  CloseCode,
  LIMITS,
  SSE_CLOSE_PATH,
  SSE_PATH,
  SSE_SEND_PATH,
  SSE_STREAM_PATH,
  SSE_TICKET_HEADER,
  SUPPORTED_SUBPROTOCOLS,
} from "@duplex/protocol";
import { acceptConnection } from "../connection/acceptConnection.js";
import type { ServerContext } from "../context.js";
import { HttpError, readJson, sendFailure, sendJson } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import { checkOrigin } from "../http/upgrade.js";
import { addressKey } from "../limits/addressKey.js";
import type { ConnectionLimiter } from "../limits/connectionLimiter.js";
import { readText } from "./readText.js";
import { SseSocket } from "./SseSocket.js";

/** Frames one POST may carry; more answers 413 and none of them is handled. */
export const MAX_FRAMES_PER_POST = 64;

export interface SseDeps {
  ctx: ServerContext;
  /** The `/ws` limiter: a stream is a connection of its address like a socket. */
  limiter: () => ConnectionLimiter;
  allowedOrigins: () => ReadonlySet<string>;
  closing: () => boolean;
}

const cookieName = (stream: string) => `dxs_${stream}`;

function cookieTicket(req: IncomingMessage, stream: string): string | undefined {
  const prefix = `${cookieName(stream)}=`;
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length);
  }
  return undefined;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function protocolsOf(body: unknown): string[] {
  const list = (body as { protocols?: unknown } | null)?.protocols;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
}

/**
 * The SSE + POST fallback. A link is opened by POST (no user token: that goes in `hello`, in a POST
 * body), read by one GET stream at a time, written by POSTs; each request names its link by `stream`
 * and proves it with the link's ticket (a header, or an HttpOnly cookie for a native EventSource).
 * Links live in this node's memory: the stream and its POSTs must reach the same node.
 */
export function sseRoutes(deps: SseDeps): [string, Route][] {
  const { ctx } = deps;
  const links = new Map<string, SseSocket>();
  const log = ctx.log.child({ module: "sse" });

  const guard = (req: IncomingMessage, method: string): void => {
    if (req.method !== method) throw new HttpError(405, `use ${method}`, { allow: method });
    const refusal = checkOrigin(req, deps.allowedOrigins());
    if (refusal) throw new HttpError(refusal.status, refusal.body);
  };

  // The link a request names, if its ticket matches; `cookie` allows the cookie as well as the header.
  const linkOf = (req: IncomingMessage, cookie: boolean): SseSocket => {
    const stream = new URL(req.url ?? "/", "http://localhost").searchParams.get("stream") ?? "";
    const link = links.get(stream);
    if (link === undefined) throw new HttpError(404, "no such stream (closed, or on another node)");
    const header = req.headers[SSE_TICKET_HEADER];
    const ticket = typeof header === "string" ? header : cookie ? cookieTicket(req, stream) : "";
    if (ticket === undefined || !sameSecret(ticket, link.ticket)) {
      throw new HttpError(403, "ticket does not match the stream");
    }
    return link;
  };

  const handle =
    (run: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Route =>
    (req, res) => {
      // Through a promise, so a synchronous throw is answered like a rejection.
      Promise.resolve()
        .then(() => run(req, res))
        .catch((err: unknown) =>
          sendFailure(req, res, err, (e) => log.error({ err: e }, "sse request failed")),
        );
    };

  const open = handle(async (req, res) => {
    guard(req, "POST");
    if (deps.closing()) throw new HttpError(503, "server shutting down; reconnect shortly");
    const offered = protocolsOf(await readJson(req));
    const protocol = SUPPORTED_SUBPROTOCOLS.find((p) => offered.includes(p));
    if (protocol === undefined) {
      throw new HttpError(
        400,
        `unsupported subprotocol; offer one of: ${SUPPORTED_SUBPROTOCOLS.join(", ")}`,
      );
    }
    const remote = req.socket.remoteAddress ?? "unknown";
    const admission = deps.limiter().admit(addressKey(remote), ctx.now());
    if (!admission.ok) throw new HttpError(429, admission.reason);
    const stream = randomBytes(12).toString("base64url");
    const ticket = randomBytes(32).toString("base64url");
    const max = ctx.config.limits.maxBufferedBytes;
    const link = new SseSocket(stream, ticket, max > 0 ? max : undefined);
    links.set(stream, link);
    link.once("close", () => {
      links.delete(stream);
      admission.release();
    });
    acceptConnection(ctx, link, remote);
    const cookie = `${cookieName(stream)}=${ticket}; Path=${SSE_PATH}; HttpOnly; SameSite=Strict`;
    sendJson(res, 201, { stream, ticket, protocol }, { "set-cookie": cookie });
  });

  const read = handle((req, res) => {
    guard(req, "GET");
    const link = linkOf(req, true);
    const lastEventId = Number.parseInt(String(req.headers["last-event-id"] ?? "0"), 10);
    if (!link.attach(res, Number.isSafeInteger(lastEventId) ? lastEventId : -1)) {
      throw new HttpError(410, "the stream can no longer be resumed; open a new one");
    }
    return Promise.resolve();
  });

  const send = handle(async (req, res) => {
    guard(req, "POST");
    const link = linkOf(req, false);
    const lines = (await readText(req, MAX_FRAMES_PER_POST * LIMITS.maxFrameBytes))
      .split("\n")
      .filter((line) => line.length > 0);
    if (lines.length > MAX_FRAMES_PER_POST) {
      throw new HttpError(413, `more than ${MAX_FRAMES_PER_POST} frames in one request`);
    }
    let accepted = 0;
    for (const line of lines) {
      const frame = Buffer.from(line, "utf8");
      // As `ws` does for an oversize frame: the link closes with 1009.
      if (frame.length > LIMITS.maxFrameBytes) {
        link.close(CloseCode.MessageTooBig, CLOSE_REASONS[CloseCode.MessageTooBig]);
        break;
      }
      if (link.readyState !== 1) break;
      link.receive(frame);
      accepted += 1;
    }
    if (accepted < lines.length) throw new HttpError(410, "the stream is closed");
    sendJson(res, 202, { accepted });
  });

  const close = handle((req, res) => {
    guard(req, "POST");
    linkOf(req, false).closeFromPeer(CloseCode.Normal, "");
    sendJson(res, 204, undefined);
    return Promise.resolve();
  });

  return [
    [SSE_PATH, open],
    [SSE_STREAM_PATH, read],
    [SSE_SEND_PATH, send],
    [SSE_CLOSE_PATH, close],
  ];
}
