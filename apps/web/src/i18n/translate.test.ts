import { describe, expect, it } from "vitest";
import { isPlural } from "./dictionary.js";
import { en } from "./en.js";
import { LOCALES } from "./locale.js";
import { DICTIONARIES, fill, placeholders, translator, type MessageKey } from "./translate.js";
import { zh } from "./zh.js";

const KEYS = Object.keys(en) as MessageKey[];

describe("dictionaries", () => {
  it("translate every English key into Chinese, and nothing else", () => {
    expect(Object.keys(zh).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(zh[key], key).toBeTruthy();
  });

  it("use the same placeholders in every language", () => {
    for (const locale of LOCALES) {
      for (const key of KEYS) {
        expect(placeholders(DICTIONARIES[locale][key]), `${locale} ${key}`).toEqual(
          placeholders(en[key]),
        );
      }
    }
  });

  it("keep plurals plural and plain strings plain", () => {
    for (const key of KEYS) expect(isPlural(zh[key]), key).toBe(isPlural(en[key]));
  });
});

describe("translator", () => {
  it("fills placeholders in the chosen language", () => {
    expect(translator("en")("typing.two", { first: "Alice", second: "Bob" })).toBe(
      "Alice and Bob are typing…",
    );
    expect(translator("zh-CN")("typing.two", { first: "Alice", second: "Bob" })).toBe(
      "Alice 和 Bob 正在输入…",
    );
    expect(translator("zh-CN")("connection.online")).toBe("在线");
  });

  it("picks the plural form by count with the language's own rules", () => {
    const t = translator("en");
    expect(t("composer.left", { count: 1 })).toBe("1 character left");
    expect(t("composer.left", { count: 10 })).toBe("10 characters left");
    expect(t("composer.left", { count: 0 })).toBe("0 characters left");
    // Chinese has one form for every count.
    expect(translator("zh-CN")("composer.left", { count: 1 })).toBe("还可输入 1 个字符");
  });

  it("returns the same function for a language, so it is a stable store value", () => {
    expect(translator("zh-CN")).toBe(translator("zh-CN"));
    expect(translator("en")).not.toBe(translator("zh-CN"));
  });
});

describe("fill", () => {
  it("writes numbers as they are and leaves an unknown placeholder visible", () => {
    expect(fill("{length} / {max}", { length: 4001, max: 4000 })).toBe("4001 / 4000");
    expect(fill("Hello {name}", {})).toBe("Hello {name}");
    expect(fill("Hello {name}", undefined)).toBe("Hello {name}");
  });
});
