import type { en } from "./en.js";

/** A message that depends on a count; the form is chosen by `Intl.PluralRules` for the locale. */
export interface Plural {
  /** Languages without grammatical number (Chinese) give only `other`. */
  readonly one?: string;
  readonly other: string;
}

/** A template with `{name}` placeholders, or plural forms of one. */
export type Message = string | Plural;

export function isPlural(message: Message): message is Plural {
  return typeof message !== "string";
}

/**
 * A translation of the English entries `E`: every key, each a string or a plural as in `E`; a
 * missing or extra key fails typecheck.
 */
export type Translation<E> = {
  readonly [K in keyof E]: E[K] extends string ? string : Plural;
};

/** Every English key in one language. */
export type Dictionary = Translation<typeof en>;
