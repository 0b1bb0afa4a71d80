import type { Dictionary } from "./dictionary.js";
import { accountZh } from "./zh/account.js";
import { chatZh } from "./zh/chat.js";
import { compareZh } from "./zh/compare.js";
import { filesZh } from "./zh/files.js";
import { inspectorZh } from "./zh/inspector.js";
import { notifyZh } from "./zh/notify.js";
import { peopleZh } from "./zh/people.js";

/**
 * 简体中文, a file per namespace like `en/`; each file's type requires every key of its English
 * twin. Placeholders keep their English names; a unit test checks they match `en`.
 */
export const zh: Dictionary = {
  ...chatZh,
  ...peopleZh,
  ...accountZh,
  ...notifyZh,
  ...filesZh,
  ...inspectorZh,
  ...compareZh,
};
