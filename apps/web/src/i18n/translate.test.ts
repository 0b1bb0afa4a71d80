import { describe, expect, it } from "vitest";
import { isPlural } from "./dictionary.js";
import { en } from "./en.js";
import { createTranslator, fill, placeholders, type MessageKey } from "./translate.js";
import { zh } from "./zh.js";

const KEYS = Object.keys(en) as MessageKey[];
const english = createTranslator("en", en);
const chinese = createTranslator("zh-CN", zh);

describe("dictionaries", () => {
  it("translate every English key into Chinese, and nothing else", () => {
    expect(Object.keys(zh).sort()).toEqual([...KEYS].sort());
    for (const key of KEYS) expect(zh[key], key).toBeTruthy();
  });

  it("use the same placeholders in every language", () => {
    for (const key of KEYS) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it("keep plurals plural and plain strings plain", () => {
    for (const key of KEYS) expect(isPlural(zh[key]), key).toBe(isPlural(en[key]));
  });
});

describe("translator", () => {
  it("fills placeholders in the chosen language", () => {
    expect(english("typing.two", { first: "Alice", second: "Bob" })).toBe(
      "Alice and Bob are typing…",
    );
    expect(chinese("typing.two", { first: "Alice", second: "Bob" })).toBe("Alice 和 Bob 正在输入…");
    expect(chinese("connection.online")).toBe("在线");
  });

  it("picks the plural form by count with the language's own rules", () => {
    expect(english("composer.left", { count: 1 })).toBe("1 character left");
    expect(english("composer.left", { count: 10 })).toBe("10 characters left");
    expect(english("composer.left", { count: 0 })).toBe("0 characters left");
    // Chinese has one form for every count.
    expect(chinese("composer.left", { count: 1 })).toBe("还可输入 1 个字符");
  });
});

describe("fill", () => {
  it("writes numbers as they are and leaves an unknown placeholder visible", () => {
    expect(fill("{length} / {max}", { length: 4001, max: 4000 })).toBe("4001 / 4000");
    expect(fill("Hello {name}", {})).toBe("Hello {name}");
    expect(fill("Hello {name}", undefined)).toBe("Hello {name}");
  });
});
