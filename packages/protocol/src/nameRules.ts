/**
 * Rules for a name a person chooses (guest name, account name, rename), beyond the {@link Name}
 * schema's length and control-character checks. Kept out of the schema on purpose: names stored
 * before these rules still travel in `user` objects, and a strict reader must not reject them.
 */

// Bidi controls (U+202A–202E, U+2066–2069, U+200E/F), zero-width characters (U+200B–200D, U+2060,
// U+FEFF) and fillers such as U+3164 are all Default_Ignorable_Code_Point or format characters.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;
// Characters that draw nothing although they are not "ignorable": blank Braille, spaces.
const BLANK = /[\s\u2800\u3164\uffa0\u115f\u1160]/gu;
// Combining marks alone draw nothing readable: "at least one letter, digit, symbol or punctuation".
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** The display form of a chosen name: NFKC (so `ａｌｉｃｅ` is `alice`), trimmed, single spaces. */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/gu, " ");
}

/**
 * Why `name` (already normalized) cannot be chosen, or `undefined` when it can: no invisible,
 * zero-width or bidi-control characters, and at least one visible character.
 */
export function nameProblem(name: string): string | undefined {
  if (INVISIBLE.test(name)) return "must not contain invisible or direction-changing characters";
  if (!VISIBLE.test(name.replace(BLANK, ""))) return "must contain a visible character";
  // The push API takes a user id or a name in one field: a name must not pass for an id.
  if (/^u_[A-Za-z0-9_-]{10,24}$/.test(name)) return "must not look like a user id";
  return undefined;
}
