import { nameProblem, normalizeName } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { nameKey, nameKeyByRule } from "./nameKey.js";

describe("nameKey", () => {
  it.each([
    ["Alice", "alice"],
    ["ALICE", "alice"],
    ["\u0430lice", "Cyrillic а"],
    ["ａｌｉｃｅ", "fullwidth"],
    ["\u0391lice", "Greek capital alpha"],
    ["al\u0456ce", "Cyrillic і"],
    ["\u0410LICE", "Cyrillic capital А"],
  ])("treats %j as alice (%s)", (name) => {
    expect(nameKey(name)).toBe(nameKey("alice"));
  });

  it("folds digits and letters that look alike and keeps different names apart", () => {
    expect(nameKey("b0b")).toBe(nameKey("bob"));
    expect(nameKey("\u0412ob")).toBe(nameKey("Bob"));
    expect(nameKey("Ann  Lee")).toBe(nameKey("ann lee"));
    expect(nameKey("alice")).not.toBe(nameKey("alicia"));
    expect(nameKey("李雷")).not.toBe(nameKey("韩梅梅"));
  });
});

describe("nameKey of printable ASCII", () => {
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

  it("is the rule's key for every character and every pair of characters", () => {
    for (const a of printable) {
      expect(nameKey(a)).toBe(nameKeyByRule(a));
      for (const b of printable) expect(nameKey(a + b)).toBe(nameKeyByRule(a + b));
    }
  });

  it("is the rule's key for names with spaces around, inside and in runs", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const length = next() % 24;
      // Spaces weighted up, so trims and runs are common.
      const name = Array.from({ length }, () =>
        next() % 4 === 0 ? " " : (printable[next() % printable.length] as string),
      ).join("");
      expect(nameKey(name)).toBe(nameKeyByRule(name));
    }
    expect(nameKey("  Ann   Lee ")).toBe("ann lee");
  });
});

describe("chosen names", () => {
  it.each([
    ["alice\u200b", "zero-width space"],
    ["al\u200dice", "zero-width joiner"],
    ["\u202eecila", "right-to-left override"],
    ["\u2066alice\u2069", "isolates"],
    ["\u200b", "only a zero-width space"],
    ["\u3164", "Hangul filler"],
    ["\u2800", "Braille blank"],
    ["\u2800 \u2800", "Braille blanks and a space"],
    ["\u0301\u0301", "combining marks alone"],
  ])("refuses %j (%s)", (name) => {
    expect(nameProblem(normalizeName(name))).toBeDefined();
  });

  it.each(["alice", "Ann Lee", "李雷", "Zoë", "o'brien", "🙂 smile"])("accepts %j", (name) => {
    expect(nameProblem(normalizeName(name))).toBeUndefined();
  });

  it("normalizes fullwidth and spacing before the name is stored", () => {
    expect(normalizeName(" ａｌｉｃｅ   smith ")).toBe("alice smith");
  });
});
