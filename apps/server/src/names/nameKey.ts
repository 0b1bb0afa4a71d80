import { CONFUSABLES } from "./confusablesTable.js";

let table: Map<number, string> | undefined;

/** The confusables table, parsed on first use (~6,300 entries). */
function confusables(): Map<number, string> {
  if (table) return table;
  table = new Map();
  for (const entry of CONFUSABLES.split(";")) {
    const [source, target] = entry.split(":");
    if (source === undefined || target === undefined) continue;
    const chars = target.split(" ").map((hex) => String.fromCodePoint(parseInt(hex, 16)));
    table.set(parseInt(source, 16), chars.join(""));
  }
  return table;
}

/** UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again. */
function skeleton(text: string): string {
  const map = confusables();
  let out = "";
  for (const ch of text.normalize("NFD")) out += map.get(ch.codePointAt(0) ?? 0) ?? ch;
  return out.normalize("NFD");
}

const ASCII_CAPITALS = /^[A-Z]+$/;

/**
 * Lower case, but a capital that looks like a Latin capital becomes that Latin letter's lower case
 * first (Cyrillic `В` → `b`: lowering it to `в` would look like `ʙ` and miss `Bob`). A capital whose
 * look-alike is not a capital (`I` looks like `l`) is just lowered, so `ALICE` stays `alice`.
 */
function lowerByLook(text: string): string {
  const map = confusables();
  let out = "";
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const like = lower === ch ? undefined : map.get(ch.codePointAt(0) ?? 0);
    out += like !== undefined && ASCII_CAPITALS.test(like) ? like.toLowerCase() : lower;
  }
  return out;
}

/**
 * The identity of a name: two names with one key are the same name to a reader. NFKC (so `ａｌｉｃｅ`
 * is `alice`), case folded by look (lowerByLook), then the confusable skeleton (so Cyrillic `аlice` is
 * `alice`, `b0b` is `bob`), lower-cased again because prototypes may be capitals (`0` → `O`), and
 * whitespace runs as one space. Mentions, the push API and name ownership all compare by this key.
 */
export function nameKey(name: string): string {
  return asciiNameKey(name) ?? nameKeyByRule(name);
}

/** {@link nameKey} computed by its rule, whatever the text. */
export function nameKeyByRule(name: string): string {
  const folded = lowerByLook(name.normalize("NFKC").trim().replace(/\s+/gu, " "));
  return skeleton(folded).toLowerCase();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// Each printable ASCII character's part of a key, by the rule, or undefined where that part is not
// ASCII itself. Where every part is ASCII the normalizations, which only ever join or reorder
// non-ASCII neighbours, change nothing, so a key is its characters' parts in a row: ~0.2 µs instead
// of ~0.8 for a 16-character name (a send with an `@` computes one per possible name).
let asciiParts: Array<string | undefined> | undefined;

function asciiKeyParts(): Array<string | undefined> {
  if (asciiParts) return asciiParts;
  asciiParts = [];
  for (let code = 0x20; code <= 0x7e; code++) {
    const part = skeleton(lowerByLook(String.fromCharCode(code))).toLowerCase();
    asciiParts[code] = PRINTABLE_ASCII.test(part) ? part : undefined;
  }
  return asciiParts;
}

/**
 * The key of a printable ASCII name from its characters' parts; undefined as soon as a character has
 * none (anything outside printable ASCII, or a part that is not ASCII), for the rule to key it.
 */
function asciiNameKey(name: string): string | undefined {
  const parts = asciiKeyParts();
  let start = 0;
  let end = name.length;
  while (start < end && name.charCodeAt(start) === 0x20) start++;
  while (end > start && name.charCodeAt(end - 1) === 0x20) end--;
  let key = "";
  for (let i = start; i < end; i++) {
    const code = name.charCodeAt(i);
    // A run of spaces is one space (the only whitespace in printable ASCII).
    if (code === 0x20 && name.charCodeAt(i - 1) === 0x20) continue;
    const part = parts[code];
    if (part === undefined) return undefined;
    key += part;
  }
  return key;
}
