import { accountEn } from "./en/account.js";
import { chatEn } from "./en/chat.js";
import { compareEn } from "./en/compare.js";
import { filesEn } from "./en/files.js";
import { inspectorEn } from "./en/inspector.js";
import { notifyEn } from "./en/notify.js";
import { peopleEn } from "./en/people.js";

/**
 * The English UI strings: the source of every key, one namespace (the key's first word) per file
 * under `en/`. `{name}` placeholders are filled by `t()`; entries with `one`/`other` are plurals
 * and take a `count`. Tests and e2e specs find elements by these texts, so change one only
 * together with them.
 */
export const en = {
  ...chatEn,
  ...peopleEn,
  ...accountEn,
  ...notifyEn,
  ...filesEn,
  ...inspectorEn,
  ...compareEn,
} as const;

export type MessageKey = keyof typeof en;
