import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The token secret for development when `TOKEN_SECRET` is unset: random, but kept in a file beside the
 * SQLite database, so `pnpm dev` restarting on every file change does not sign every user out.
 * Production requires `TOKEN_SECRET` (checked before this is called).
 */
export function devTokenSecret(dbPath: string): { secret: string; file: string } {
  const file = join(dirname(dbPath), "dev-token-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, file };
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, file };
}
