import { timingSafeEqual } from "node:crypto";
import { CLOSE_REASONS, CloseCode, LIMITS } from "@duplex/protocol";
import type { SseSocket } from "./SseSocket.js";

/** Frames one POST may carry; more answers 413 and none of them is handled. */
export const MAX_FRAMES_PER_POST = 64;

/** What a POST asks of a link: wherever it landed, the node holding the link answers it. */
export interface LinkRequest {
  stream: string;
  /** From the request's ticket header; checked by the node that holds the link. */
  ticket: string;
  kind: "send" | "close" | "upload";
  /** `send`: the frames, one per line; `upload`: one binary chunk frame, base64 (broker-safe). */
  body: string;
}

/** The HTTP answer to a {@link LinkRequest}: the same on the node that holds the link or another. */
export interface LinkAnswer {
  status: number;
  body?: unknown;
}

const refuse = (status: number, error: string): LinkAnswer => ({ status, body: { error } });

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The link `stream` names if `ticket` proves it, else the refusal to answer. */
export function findLink(
  links: ReadonlyMap<string, SseSocket>,
  stream: string,
  ticket: string | undefined,
): SseSocket | LinkAnswer {
  const link = links.get(stream);
  if (link === undefined) return refuse(404, "no such stream (closed, or its node is gone)");
  if (ticket === undefined || !sameSecret(ticket, link.ticket)) {
    return refuse(403, "ticket does not match the stream");
  }
  return link;
}

/**
 * An upload chunk, answered once the connection has handled it: 202 `{accepted: 1}` when stored,
 * `{accepted: 0}` when refused (the reason went on the stream, as it would on a socket).
 */
async function answerChunk(link: SseSocket, body: string): Promise<LinkAnswer> {
  const stored = await link.receiveChunk(Buffer.from(body, "base64"));
  if (link.readyState !== 1) return refuse(410, "the stream is closed");
  return { status: 202, body: { accepted: stored ? 1 : 0 } };
}

/**
 * Handles a POST on the node that holds its link. Frames are handled in order, exactly as the
 * frames of one socket read; 202 says how many were taken, so a client can trust what it was told.
 */
export function answerLinkRequest(
  links: ReadonlyMap<string, SseSocket>,
  req: LinkRequest,
): LinkAnswer | Promise<LinkAnswer> {
  const found = findLink(links, req.stream, req.ticket);
  if (!("receive" in found)) return found;
  const link = found;
  if (req.kind === "upload") return answerChunk(link, req.body);
  if (req.kind === "close") {
    link.closeFromPeer(CloseCode.Normal, "");
    return { status: 204 };
  }
  const lines = req.body.split("\n").filter((line) => line.length > 0);
  if (lines.length > MAX_FRAMES_PER_POST) {
    return refuse(413, `more than ${MAX_FRAMES_PER_POST} frames in one request`);
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
  if (accepted < lines.length) return refuse(410, "the stream is closed");
  const answer: LinkAnswer = { status: 202, body: { accepted } };
  // Paused by a full queue of frames: answered once it drains, so the client's next POST waits.
  return link.reading().then(() => answer);
}
