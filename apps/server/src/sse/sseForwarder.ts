import { randomBytes } from "node:crypto";
import type { Broker, Unsubscribe } from "../broker/Broker.js";
import type { Logger } from "../logger.js";
import type { LinkAnswer, LinkRequest } from "./linkRequests.js";

/** A forwarded POST whose node does not answer within this is answered 503 (the client reconnects). */
export const FORWARD_TIMEOUT_MS = 5_000;
/** Forwarded requests awaiting their answer on this node; beyond it a POST is answered 503 at once. */
const MAX_PENDING = 10_000;

type Wire =
  | { t: "req"; id: string; from: string; req: LinkRequest }
  | { t: "res"; id: string; answer: LinkAnswer };

const channelOf = (nodeId: string) => `sse:${nodeId}`;

/** A new link's id: its node (so any node can route to it) and a random part. */
export function newStreamId(nodeId: string): string {
  const node = Buffer.from(nodeId, "utf8").toString("base64url");
  return `${node}.${randomBytes(12).toString("base64url")}`;
}

/** The node holding the link `stream` names (undefined: not a routable id, so only this node). */
export function streamNode(stream: string): string | undefined {
  const dot = stream.indexOf(".");
  if (dot <= 0) return undefined;
  return Buffer.from(stream.slice(0, dot), "base64url").toString("utf8");
}

function isLinkRequest(v: unknown): v is LinkRequest {
  const r = v as Partial<LinkRequest> | null;
  return (
    typeof r?.stream === "string" &&
    typeof r.ticket === "string" &&
    (r.kind === "send" || r.kind === "close" || r.kind === "upload") &&
    typeof r.body === "string"
  );
}

function parseWire(payload: string): Wire | undefined {
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    return undefined;
  }
  const w = v as { t?: unknown; id?: unknown; from?: unknown; req?: unknown; answer?: unknown };
  if (typeof w.id !== "string") return undefined;
  if (w.t === "req" && typeof w.from === "string" && isLinkRequest(w.req)) {
    return { t: "req", id: w.id, from: w.from, req: w.req };
  }
  const answer = w.answer as Partial<LinkAnswer> | undefined;
  if (w.t === "res" && typeof answer?.status === "number") {
    return { t: "res", id: w.id, answer: { status: answer.status, body: answer.body } };
  }
  return undefined;
}

/**
 * Without sticky sessions a POST may land on a node other than the one holding its link. That node
 * forwards it over the broker to the holder's channel and answers the client with the holder's own
 * answer (202 with the count taken, 404, 403…), so the client trusts a forwarded answer as a local
 * one. Order holds: a client posts one request at a time and the holder handles each in full before
 * answering. An answer that never comes (node gone, pub/sub lost it) is a 503 after a timeout: the
 * client reconnects and its outbox resends, idempotent by `cid`.
 */
export class SseForwarder {
  readonly #pending = new Map<
    string,
    { resolve: (a: LinkAnswer) => void; timer: NodeJS.Timeout }
  >();
  #next = 0;

  constructor(
    private readonly broker: Broker,
    private readonly nodeId: string,
    private readonly local: (req: LinkRequest) => LinkAnswer | Promise<LinkAnswer>,
    private readonly log: Logger,
    private readonly timeoutMs = FORWARD_TIMEOUT_MS,
  ) {}

  /** Listens on this node's channel for requests to its links and answers to its forwards. */
  start(): Promise<Unsubscribe> {
    return this.broker.subscribe(channelOf(this.nodeId), (payload) => this.#onWire(payload));
  }

  /** Whether `stream` is held here (or names no node, as the ids of older servers). */
  isLocal(stream: string): boolean {
    const node = streamNode(stream);
    return node === undefined || node === this.nodeId;
  }

  route(req: LinkRequest): Promise<LinkAnswer> {
    const node = streamNode(req.stream);
    if (node === undefined || node === this.nodeId) return Promise.resolve(this.local(req));
    if (this.#pending.size >= MAX_PENDING) {
      return Promise.resolve({ status: 503, body: { error: "too many forwarded requests" } });
    }
    this.#next += 1;
    const id = `${this.#next}`;
    return new Promise<LinkAnswer>((resolve) => {
      const done = (answer: LinkAnswer) => {
        const entry = this.#pending.get(id);
        if (entry === undefined) return;
        clearTimeout(entry.timer);
        this.#pending.delete(id);
        resolve(answer);
      };
      const timer = setTimeout(
        () => done({ status: 503, body: { error: "the stream's node did not answer" } }),
        this.timeoutMs,
      );
      this.#pending.set(id, { resolve: done, timer });
      const wire: Wire = { t: "req", id, from: this.nodeId, req };
      this.broker.publish(channelOf(node), JSON.stringify(wire)).catch((err: unknown) => {
        this.log.warn({ err }, "forwarding an sse request failed");
        done({ status: 503, body: { error: "could not reach the stream's node" } });
      });
    });
  }

  #onWire(payload: string): void {
    const wire = parseWire(payload);
    if (wire === undefined) return;
    if (wire.t === "res") {
      this.#pending.get(wire.id)?.resolve(wire.answer);
      return;
    }
    void Promise.resolve(this.local(wire.req))
      .then((answer) => {
        const reply: Wire = { t: "res", id: wire.id, answer };
        return this.broker.publish(channelOf(wire.from), JSON.stringify(reply));
      })
      .catch((err: unknown) => {
        this.log.warn({ err }, "answering a forwarded sse request failed");
      });
  }

  /** Answers every forward still waiting (shutdown). */
  close(): void {
    for (const entry of [...this.#pending.values()]) {
      entry.resolve({ status: 503, body: { error: "server shutting down" } });
    }
  }
}
