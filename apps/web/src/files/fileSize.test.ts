import { describe, expect, it } from "vitest";
import { createTranslator } from "../i18n/translate.js";
import { en } from "../i18n/en.js";
import { zh } from "../i18n/zh.js";
import { fitWithin, formatFileSize } from "./fileSize.js";

const box = { width: 320, height: 240 };

describe("fitWithin", () => {
  it("scales a large image down to the box, keeping its shape", () => {
    expect(fitWithin(1600, 900, box)).toEqual({ width: 320, height: 180 });
    expect(fitWithin(600, 2000, box)).toEqual({ width: 72, height: 240 });
  });

  it("never scales a small image up", () => {
    expect(fitWithin(120, 80, box)).toEqual({ width: 120, height: 80 });
  });
});

describe("formatFileSize", () => {
  const t = createTranslator("en", en);
  it("says bytes, KB or MB with at most one decimal", () => {
    expect(formatFileSize(1, t)).toBe("1 byte");
    expect(formatFileSize(1000, t)).toBe("1000 bytes");
    expect(formatFileSize(2048, t)).toBe("2 KB");
    expect(formatFileSize(1536, t)).toBe("1.5 KB");
    expect(formatFileSize(25 * 1024 * 1024, t)).toBe("25 MB");
  });

  it("in 中文 too", () => {
    expect(formatFileSize(1000, createTranslator("zh-CN", zh))).toBe("1000 字节");
  });
});
