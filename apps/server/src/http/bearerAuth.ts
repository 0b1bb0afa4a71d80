import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { addressKey } from "../limits/addressKey.js";
import { KeyedBuckets } from "../limits/keyedBuckets.js";
import type { Route } from "./requestHandler.js";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Compares digests, so neither the token's length nor its content leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? "");
  const given = match?.[1]?.trim() ?? "";
  return timingSafeEqual(digest(given), digest(token));
}

const addressOf = (req: IncomingMessage) => addressKey(req.socket.remoteAddress ?? "unknown");

/**
 * Failed bearer-token attempts, charged to the address (IPv4, or IPv6 /64) whatever connection they
 * came on: `perMinute` failures in a burst, then `perMinute` a minute. While an address is out of
 * tokens every attempt from it is refused unchecked, so a guess made then cannot succeed either.
 * A rate of 0 turns the throttle off.
 */
export class AuthFailures {
  readonly #buckets: KeyedBuckets;

  constructor(perMinute: number) {
    this.#buckets = new KeyedBuckets(Math.max(1, perMinute), perMinute / 60);
  }

  /** Ms until `req`'s address may try again; 0 if it may now. */
  blockedFor(req: IncomingMessage, now: number): number {
    return this.#buckets.wait(addressOf(req), now);
  }

  /** Charges one failed attempt to `req`'s address. */
  fail(req: IncomingMessage, now: number): void {
    this.#buckets.take(addressOf(req), now);
  }
}

/** A refused bearer check: 401 (missing or wrong token) or 429 (too many failures, `Retry-After`). */
export interface BearerRefusal {
  status: 401 | 429;
  message: string;
  headers: Record<string, string>;
}

/** Checks `Authorization: Bearer <token>` under the failure throttle; undefined when it passes. */
export function checkBearer(
  req: IncomingMessage,
  token: string,
  failures: AuthFailures,
  now: number,
): BearerRefusal | undefined {
  const blockedMs = failures.blockedFor(req, now);
  if (blockedMs > 0) {
    return {
      status: 429,
      message: "too many failed attempts from this address",
      headers: { "retry-after": String(Math.ceil(blockedMs / 1000)) },
    };
  }
  if (bearerMatches(req.headers.authorization, token)) return undefined;
  failures.fail(req, now);
  return {
    status: 401,
    message: "missing or wrong bearer token",
    headers: { "www-authenticate": "Bearer" },
  };
}

function refuse(res: ServerResponse, refusal: BearerRefusal): void {
  const text = JSON.stringify({ error: refusal.message });
  res.writeHead(refusal.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
    ...refusal.headers,
  });
  res.end(text);
}

/** `route` behind a bearer token (a GET-style route: a refused request's body is not read). */
export function bearerGuarded(
  route: Route,
  token: string,
  failures: AuthFailures,
  now: () => number,
): Route {
  return (req, res) => {
    const refusal = checkBearer(req, token, failures, now());
    if (refusal === undefined) route(req, res);
    else refuse(res, refusal);
  };
}
