import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  CHUNK_HEADER_BYTES,
  LIMITS,
  SSE_CLOSE_PATH,
  SSE_PATH,
  SSE_SEND_PATH,
  SSE_STREAM_PATH,
  SSE_TICKET_HEADER,
  SSE_UPLOAD_PATH,
  SUPPORTED_SUBPROTOCOLS,
} from "@duplex/protocol";
import { acceptConnection } from "../connection/acceptConnection.js";
import type { ServerContext } from "../context.js";
import { HttpError, readBody, readJson, sendFailure, sendJson } from "../http/jsonApi.js";
import type { Route } from "../http/requestHandler.js";
import { checkOrigin } from "../http/upgrade.js";
import { addressKey } from "../limits/addressKey.js";
import type { ConnectionLimiter } from "../limits/connectionLimiter.js";
import { MAX_FRAMES_PER_POST, answerLinkRequest, findLink } from "./linkRequests.js";
import { readText } from "./readText.js";
import { SseForwarder, newStreamId } from "./sseForwarder.js";
import { SseSocket } from "./SseSocket.js";

export { MAX_FRAMES_PER_POST } from "./linkRequests.js";

export interface SseDeps {
  ctx: ServerContext;
  /** The `/ws` limiter: a stream is a connection of its address like a socket. */
  limiter: () => ConnectionLimiter;
  allowedOrigins: () => ReadonlySet<string>;
  closing: () => boolean;
}

const describe = (body: unknown): string =>
  String((body as { error?: unknown } | undefined)?.error ?? "refused");

const cookieName = (stream: string) => `dxs_${stream}`;

function cookieTicket(req: IncomingMessage, stream: string): string | undefined {
  const prefix = `${cookieName(stream)}=`;
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const trimmed = part.trim();
    if (trimmed.startsWith(prefix)) return trimmed.slice(prefix.length);
  }
  return undefined;
}

function protocolsOf(body: unknown): string[] {
  const list = (body as { protocols?: unknown } | null)?.protocols;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
}

const streamOf = (req: IncomingMessage) =>
  new URL(req.url ?? "/", "http://localhost").searchParams.get("stream") ?? "";

function headerTicket(req: IncomingMessage): string | undefined {
  const header = req.headers[SSE_TICKET_HEADER];
  return typeof header === "string" ? header : undefined;
}

/**
 * The SSE + POST fallback. A link is opened by POST (no user token: that goes in `hello`, in a POST
 * body), read by one GET stream at a time, written by POSTs; each request names its link by `stream`
 * and proves it with the link's ticket (a header, or an HttpOnly cookie for a native EventSource).
 * A link lives in the memory of the node that opened it; an open that asks for `text/event-stream`
 * is its own stream, so it needs no second request on the same node. POSTs landing on another node
 * are forwarded to it through the broker, so no sticky sessions are needed.
 */
export function sseRoutes(deps: SseDeps): [string, Route][] {
  const { ctx } = deps;
  const links = new Map<string, SseSocket>();
  const log = ctx.log.child({ module: "sse" });
  const nodeId = ctx.config.nodeId;
  const forwarder = new SseForwarder(ctx.broker, nodeId, (r) => answerLinkRequest(links, r), log);
  forwarder.start().catch((err: unknown) => log.error({ err }, "sse forwarding unavailable"));

  const guard = (req: IncomingMessage, method: string): void => {
    if (req.method !== method) throw new HttpError(405, `use ${method}`, { allow: method });
    const refusal = checkOrigin(req, deps.allowedOrigins());
    if (refusal) throw new HttpError(refusal.status, refusal.body);
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
    const stream = newStreamId(nodeId);
    const ticket = randomBytes(32).toString("base64url");
    const max = ctx.config.limits.maxBufferedBytes;
    const link = new SseSocket(stream, ticket, max > 0 ? max : undefined);
    links.set(stream, link);
    link.once("close", () => {
      links.delete(stream);
      admission.release();
    });
    acceptConnection(ctx, link, remote);
    if ((req.headers.accept ?? "").includes("text/event-stream")) {
      // The open is the stream: whatever node it landed on holds the link, with no second request.
      const first = JSON.stringify({ stream, ticket, protocol });
      link.attach(res, 0, `event: link\ndata: ${first}\n\n`);
      return;
    }
    const cookie = `${cookieName(stream)}=${ticket}; Path=${SSE_PATH}; HttpOnly; SameSite=Strict`;
    sendJson(res, 201, { stream, ticket, protocol }, { "set-cookie": cookie });
  });

  const read = handle(async (req, res) => {
    guard(req, "GET");
    const stream = streamOf(req);
    const ticket = headerTicket(req) ?? cookieTicket(req, stream);
    if (!forwarder.isLocal(stream)) {
      // A stream cannot be carried across nodes: end the link on its node at once (its leave is
      // announced) and let the client resume by the protocol on a new link, wherever it lands.
      if (ticket !== undefined) {
        await forwarder.route({ stream, ticket, kind: "close", body: "" });
      }
      throw new HttpError(410, "the stream is on another node; open a new one");
    }
    const link = findLink(links, stream, ticket);
    if (!("attach" in link)) throw new HttpError(link.status, describe(link.body));
    const lastEventId = Number.parseInt(String(req.headers["last-event-id"] ?? "0"), 10);
    if (!link.attach(res, Number.isSafeInteger(lastEventId) ? lastEventId : -1)) {
      throw new HttpError(410, "the stream can no longer be resumed; open a new one");
    }
  });

  const send = handle(async (req, res) => {
    guard(req, "POST");
    const body = await readText(req, MAX_FRAMES_PER_POST * LIMITS.maxFrameBytes);
    const answer = await forwarder.route({
      stream: streamOf(req),
      ticket: headerTicket(req) ?? "",
      kind: "send",
      body,
    });
    sendJson(res, answer.status, answer.body);
  });

  // One upload chunk per POST, its frame as over a socket. Forwarded like `send` to the link's node:
  // the partial upload (its temp file and running hash) lives in that node's memory.
  const upload = handle(async (req, res) => {
    guard(req, "POST");
    const max = CHUNK_HEADER_BYTES + ctx.files.config.chunkSize;
    const frame = await readBody(req, "application/octet-stream", max);
    const answer = await forwarder.route({
      stream: streamOf(req),
      ticket: headerTicket(req) ?? "",
      kind: "upload",
      body: frame.toString("base64"),
    });
    sendJson(res, answer.status, answer.body);
  });

  const close = handle(async (req, res) => {
    guard(req, "POST");
    const answer = await forwarder.route({
      stream: streamOf(req),
      ticket: headerTicket(req) ?? "",
      kind: "close",
      body: "",
    });
    sendJson(res, answer.status, answer.body);
  });

  return [
    [SSE_PATH, open],
    [SSE_STREAM_PATH, read],
    [SSE_SEND_PATH, send],
    [SSE_CLOSE_PATH, close],
    [SSE_UPLOAD_PATH, upload],
  ];
}
