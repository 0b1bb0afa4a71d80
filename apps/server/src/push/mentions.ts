import { LIMITS, type User } from "@duplex/protocol";
import { nameKey } from "../names/nameKey.js";

/**
 * The mention rule (documented in the server README):
 * - `@` starts a mention only at the start of the text or after a non-word character (so
 *   `mail@alice` is no mention);
 * - it is followed by a name some user holds, compared by its key (nameKey: case, width and
 *   look-alike letters do not matter); a name belongs to one user for good, so `@alice` always
 *   reaches the same id whoever is online;
 * - names may contain spaces, so the longest known name wins (`@Ann Lee` → "Ann Lee" over "Ann");
 * - the name must end at a word boundary (`@Bobby` does not mention "Bob"; `@Bob's` does).
 */

const WORD_CHAR = /[\p{L}\p{N}_]/u;
/** At most this many `@` are looked at per message: a wall of `@` costs bounded work. */
export const MAX_MENTIONS_PER_MESSAGE = 20;

/** ASCII answered without the regex: every send with an `@` tests up to a name's length of them. */
function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c >= 0x80) return WORD_CHAR.test(ch);
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  );
}

export { nameKey };

/**
 * For each mention site in `text`, the keys a name there could have, longest first. A candidate is
 * a prefix of what follows the `@` that is already trimmed and ends at a word boundary.
 */
export function mentionCandidates(text: string): string[][] {
  const sites: string[][] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (sites.length >= MAX_MENTIONS_PER_MESSAGE) break;
    if (isWordChar(text[at - 1])) continue;
    const start = at + 1;
    const rest = text.slice(start, start + LIMITS.maxNameLength);
    const keys: string[] = [];
    for (let len = rest.length; len >= LIMITS.minNameLength; len--) {
      // The boundary first: it rules out nearly every length without cutting a string.
      if (isWordChar(text[start + len])) continue;
      const name = rest.slice(0, len);
      if (name !== name.trim()) continue;
      keys.push(nameKey(name));
    }
    if (keys.length > 0) sites.push(keys);
  }
  return sites;
}

/**
 * The users mentioned in `text`, each once, in order of first mention. `known` maps a name key to
 * the user who holds that name (the caller decides between several stored users of one name).
 */
export function pickMentions(
  text: string,
  known: ReadonlyMap<string, User>,
  /** `mentionCandidates(text)`, when the caller has it already. */
  sites: readonly string[][] = mentionCandidates(text),
): User[] {
  const picked = new Map<string, User>();
  for (const keys of sites) {
    for (const key of keys) {
      const user = known.get(key);
      if (user) {
        if (!picked.has(user.id)) picked.set(user.id, user);
        break;
      }
    }
  }
  return [...picked.values()];
}
