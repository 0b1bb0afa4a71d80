import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from "node:crypto";
import { Name, UserId } from "@duplex/protocol";
import { z } from "zod";
import { forgetVerified, recallVerified, rememberVerified } from "./verifiedTokens.js";

/** Session ids: `s_` + 22 url-safe characters (16 random bytes). */
export const SessionId = z.string().regex(/^s_[A-Za-z0-9_-]{22}$/);

/**
 * What a session token asserts: this user id, last seen under this name, valid until `exp` (ms), for
 * session `sid` at refresh generation `gen`. Tokens issued before sessions existed have neither.
 */
export const TokenPayload = z.strictObject({
  sub: UserId,
  name: Name,
  exp: z.number().int(),
  sid: SessionId.optional(),
  gen: z.number().int().positive().optional(),
});
export type TokenPayload = z.infer<typeof TokenPayload>;

export type TokenCheck = { ok: true; payload: TokenPayload } | { ok: false; reason: string };

// The secret as a key object, made once per secret: a string key is converted again on every HMAC
// (two per `hello`: the presented token and the issued one).
let keyFor: { secret: string; key: KeyObject } | undefined;

function sign(secret: string, body: string): Buffer {
  if (keyFor?.secret !== secret) keyFor = { secret, key: createSecretKey(Buffer.from(secret)) };
  return createHmac("sha256", keyFor.key).update(body).digest();
}

/** `base64url(JSON payload) + "." + base64url(HMAC-SHA256(secret, first part))`. */
export function issueToken(secret: string, payload: TokenPayload): string {
  const json = JSON.stringify(payload);
  const body = Buffer.from(json).toString("base64url");
  const token = `${body}.${sign(secret, body).toString("base64url")}`;
  // Remembered as verifying it would read it (the same JSON through the same schema), so the tab that
  // presents it on its next connect skips the HMAC; a payload the schema refuses is not remembered.
  const parsed = TokenPayload.safeParse(JSON.parse(json));
  if (parsed.success) rememberVerified(secret, token, parsed.data);
  return token;
}

/**
 * Checks signature first (constant time), then shape and expiry; a token verified (or issued) before
 * is found by its exact text and only its expiry checked again (verifiedTokens.ts). Never throws.
 */
export function verifyToken(secret: string, token: string, now: number): TokenCheck {
  const known = recallVerified<TokenPayload>(secret, token);
  if (known !== undefined) {
    if (known.exp > now) return { ok: true, payload: known };
    forgetVerified(secret, token);
    return { ok: false, reason: "expired" };
  }
  const [body, signature, ...rest] = token.split(".");
  if (body === undefined || signature === undefined || rest.length > 0) {
    return { ok: false, reason: "malformed" };
  }
  // Compare the encoded text, not decoded bytes: base64url's unused low bits in the last character would
  // otherwise let several spellings of one signature pass (token malleability).
  const expected = Buffer.from(sign(secret, body).toString("base64url"));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad signature" };
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const parsed = TokenPayload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  if (parsed.data.exp <= now) return { ok: false, reason: "expired" };
  rememberVerified(secret, token, parsed.data);
  return { ok: true, payload: parsed.data };
}
