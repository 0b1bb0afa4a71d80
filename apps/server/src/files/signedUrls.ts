import { createHmac, timingSafeEqual } from "node:crypto";

const sign = (secret: string, id: string, exp: number) =>
  createHmac("sha256", secret).update(`file:${id}:${exp}`).digest("base64url");

/** `?exp=&sig=` for a file id: whoever holds the URL may read the file (and its thumb) until `exp`. */
export function signedQuery(secret: string, id: string, exp: number): string {
  return `exp=${exp}&sig=${sign(secret, id, exp)}`;
}

/** Whether `exp`/`sig` were issued for `id` by this secret and have not expired. */
export function checkSignature(
  secret: string,
  id: string,
  exp: string | null,
  sig: string | null,
  now: number,
): boolean {
  if (exp === null || sig === null || !/^\d{1,15}$/u.test(exp)) return false;
  const expires = Number(exp);
  if (expires < now) return false;
  const want = Buffer.from(sign(secret, id, expires));
  const given = Buffer.from(sig);
  return want.length === given.length && timingSafeEqual(want, given);
}
