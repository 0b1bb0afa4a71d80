import { isPlural, type Dictionary, type Message } from "./dictionary.js";
import type { en, MessageKey } from "./en.js";
import type { Locale } from "./locale.js";

export type { MessageKey } from "./en.js";

/** Values for a template's `{placeholders}`. Numbers are written as they are (no grouping). */
export type Vars = Readonly<Record<string, string | number>>;

/** A plural entry needs its `count`; a plain one takes placeholders only if it has some. */
export type TranslateArgs<K extends MessageKey> = (typeof en)[K] extends string
  ? [vars?: Vars]
  : [vars: Vars & { readonly count: number }];

/** Looks a key up in one language and fills its placeholders. */
export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

/** Everything the UI says in one language, the protocol inspector included. */
export interface LocaleStrings {
  readonly t: Translate;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Replaces `{name}` with `vars.name`; an unknown placeholder stays visible rather than vanishing. */
export function fill(template: string, vars: Vars | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars?.[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholder names a message uses, across all its plural forms. */
export function placeholders(message: Message): string[] {
  const forms = isPlural(message) ? [message.one ?? "", message.other] : [message];
  const names = new Set(forms.flatMap((form) => [...form.matchAll(PLACEHOLDER)].map((m) => m[1])));
  return [...names].filter((n): n is string => n !== undefined).sort();
}

/**
 * The `t` of one language: looks keys up in `dictionary`, with `locale`'s plural rules. Build it
 * once per language (`localeStrings.ts` does), so it is a stable store value.
 */
export function createTranslator(locale: Locale, dictionary: Dictionary): Translate {
  const rules = new Intl.PluralRules(locale);
  return (key, ...args) => {
    const message: Message = dictionary[key];
    const vars: Vars | undefined = args[0];
    if (!isPlural(message)) return fill(message, vars);
    const count = Number(vars?.["count"] ?? 0);
    const form = rules.select(count) === "one" ? (message.one ?? message.other) : message.other;
    return fill(form, vars);
  };
}
