import { randomBytes } from "node:crypto";
import { LIMITS } from "@duplex/protocol";
import type { AccountStore } from "../store/AccountStore.js";
import { nameKey } from "./nameKey.js";

/** Suffixes tried in order (" 2" … " 9") before a random one. */
const NUMBERED = 8;
const RANDOM_TRIES = 4;

function withSuffix(wanted: string, suffix: string): string {
  return `${wanted.slice(0, LIMITS.maxNameLength - suffix.length).trimEnd()}${suffix}`;
}

/** The names tried for `wanted` in order: itself, "wanted 2" … "wanted 9", then random suffixes. */
function* candidates(wanted: string): Generator<string> {
  yield wanted;
  for (let n = 2; n < 2 + NUMBERED; n++) yield withSuffix(wanted, ` ${n}`);
  // Drawn only when every numbered name is taken: random bytes on each hello showed in a fill's profile.
  for (let i = 0; i < RANDOM_TRIES; i++) {
    yield withSuffix(wanted, ` ${randomBytes(3).toString("hex")}`);
  }
}

/**
 * Gives `userId` the display name `wanted` if nobody else ever held it (compared by nameKey, so no
 * look-alike either), else the first free of "wanted 2" … "wanted 9", then a random suffix. A name
 * once given stays bound to its user for good: nobody else can appear under it later.
 * @returns the name the user got, or undefined when even random suffixes were taken (never in practice)
 */
export async function claimName(
  accounts: Pick<AccountStore, "bindName" | "holderId">,
  userId: string,
  wanted: string,
  now: number,
): Promise<string | undefined> {
  // A returning user asks for the name it already holds: a read answers, no write (and no commit).
  if ((await accounts.holderId(nameKey(wanted))) === userId) return wanted;
  for (const name of candidates(wanted)) {
    if ((await accounts.bindName(userId, name, nameKey(name), now)) === userId) return name;
  }
  return undefined;
}

/** Whether `name` is free for `userId` (unbound, or bound to that user), without binding it. */
export async function nameHolder(
  accounts: Pick<AccountStore, "holders">,
  name: string,
): Promise<string | undefined> {
  const key = nameKey(name);
  return (await accounts.holders([key])).get(key)?.id;
}
