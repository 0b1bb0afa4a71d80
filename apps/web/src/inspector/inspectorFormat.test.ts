import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { en } from "../i18n/en.js";
import { createTranslator } from "../i18n/translate.js";
import { zh } from "../i18n/zh.js";
import {
  closeCodeKey,
  formatCloseDetail,
  formatFinalCode,
  formatHeader,
  formatMs,
} from "./inspectorFormat.js";

const english = createTranslator("en", en);
const chinese = createTranslator("zh-CN", zh);

describe("the inspector's figures in words", () => {
  it("say how a connection ended, with or without a reason, in either language", () => {
    expect(formatFinalCode(english, 4000, "bye")).toBe("Final code: 4000 (bye)");
    expect(formatFinalCode(english, 1000, "")).toBe("Final code: 1000");
    expect(formatFinalCode(chinese, 4000, "bye")).toBe("最终代码：4000（bye）");
    expect(formatFinalCode(chinese, undefined, "")).toBe("连接已打开。");
    expect(formatCloseDetail(chinese, 1006, "")).toBe("1006：没有关闭帧");
    expect(formatCloseDetail(english, undefined, "")).toBe("—");
  });

  it("write bytes and milliseconds the same way in both languages' numbers", () => {
    expect(formatHeader(chinese, 2, 4)).toBe(formatHeader(english, 2, 4));
    expect(formatHeader(english, 4, 0)).toBe("4 B");
    expect(formatMs(english, 1.234)).toBe("1.2 ms");
    expect(formatMs(chinese, undefined)).toBe("—");
  });

  it("name every close code in both languages", () => {
    for (const code of Object.values(CloseCode)) {
      expect(english(closeCodeKey(code)), String(code)).toMatch(/\w/);
      expect(chinese(closeCodeKey(code)), String(code)).not.toBe(english(closeCodeKey(code)));
    }
  });
});
