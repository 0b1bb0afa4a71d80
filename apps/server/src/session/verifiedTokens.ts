/**
 * Tokens already verified, by their exact text, so a token presented again skips the HMAC, the
 * base64 and JSON decode and the schema parse (~5 % of a reconnect storm's samples). The text is the
 * whole token, signature included, so an entry is found only by that very token: a token that differs
 * in any character (a forgery, another spelling of the signature) misses and is checked in full. What
 * a hit returns is a pure function of the text and the secret, so no entry can go stale, on this node
 * or another; expiry is still checked on every use, and the session row is still read by the caller.
 * Size-capped, oldest entry out first (no reordering on a hit: in a storm's profile the move cost as
 * much as the look-up; a token evicted while still in use is simply checked in full once more). Each
 * entry is ~0.4 KB.
 */
export const VERIFIED_TOKENS_MAX = 16_384;

let verified: { secret: string; byToken: Map<string, unknown> } | undefined;

/** The payload of a token verified under `secret` before. */
export function recallVerified<T>(secret: string, token: string): T | undefined {
  if (verified?.secret !== secret) return undefined;
  // Only `rememberVerified` puts values in, each a T for its secret's tokens.
  return verified.byToken.get(token) as T | undefined;
}

/** Records a token whose signature and payload were checked (or that was just signed) under `secret`. */
export function rememberVerified(secret: string, token: string, payload: unknown): void {
  // One secret per process; another one (tests) starts afresh rather than mixing keys.
  if (verified?.secret !== secret) verified = { secret, byToken: new Map() };
  const { byToken } = verified;
  if (byToken.size >= VERIFIED_TOKENS_MAX && !byToken.has(token)) {
    const oldest = byToken.keys().next();
    if (oldest.done !== true) byToken.delete(oldest.value);
  }
  // Shared by every later hit: frozen, so a caller that tried to change it would fail loudly.
  byToken.set(token, Object.freeze(payload));
}

/** Forgets an expired token's entry (it can never verify again). */
export function forgetVerified(secret: string, token: string): void {
  if (verified?.secret === secret) verified.byToken.delete(token);
}

/** For tests: how many tokens are remembered under `secret`. */
export function verifiedCount(secret: string): number {
  return verified?.secret === secret ? verified.byToken.size : 0;
}
