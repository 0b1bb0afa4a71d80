import { createTranslator, type LocaleStrings } from "./translate.js";
import { zh } from "./zh.js";

/** 简体中文: imported only dynamically (`localeStrings.ts`), so it stays out of the first chunk. */
export const zhStrings: LocaleStrings = {
  t: createTranslator("zh-CN", zh),
};
