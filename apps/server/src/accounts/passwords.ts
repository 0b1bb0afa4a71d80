import { readFileSync } from "node:fs";
import { hash, verify } from "@node-rs/argon2";
import { MIN_PASSWORD_LENGTH } from "@duplex/protocol";

// Both src/accounts and dist/accounts sit two levels below apps/server.
const COMMON_FILE = new URL("../../data/common-passwords.txt", import.meta.url);

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    readFileSync(COMMON_FILE, "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.length > 0),
  );
  return common;
}

/** Why `password` is too weak for `name`'s account (the rule, for a 400), or undefined. */
export function weakPassword(password: string, name: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return `password: must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  const folded = password.toLowerCase();
  if (commonPasswords().has(folded)) return "password: is one of the most common passwords";
  if (folded.includes(name.toLowerCase())) return "password: must not contain the name";
  return undefined;
}

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum recommendation). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A real hash of a random password: an unknown name is verified against it, so answering "wrong"
// costs the same time whether or not the account exists.
let decoy: Promise<string> | undefined;

/** Whether `password` matches `stored`; with no account, spends the same time and answers false. */
export async function checkPassword(
  password: string,
  stored: string | undefined,
): Promise<boolean> {
  decoy ??= hash(`decoy-${Math.random()}`);
  const against = stored ?? (await decoy);
  const ok = await verify(against, password).catch(() => false);
  return ok && stored !== undefined;
}
