import { describe, expect, it } from "vitest";
import { plainExcerpt } from "./plainExcerpt.js";

describe("plainExcerpt", () => {
  it("drops emphasis, code and list markers and joins the lines", () => {
    expect(plainExcerpt("**Ship** it today? Checklist:\n- `pnpm build`\n- _tests_ green")).toBe(
      "Ship it today? Checklist: pnpm build tests green",
    );
  });

  it("drops quotes, headings, numbered items, fences and nested pairs", () => {
    expect(plainExcerpt("# Plan\n> said **_twice_**\n1. one\n```ts\nconst a = 1;\n```")).toBe(
      "Plan said twice one const a = 1;",
    );
  });

  it("keeps markers that format nothing: a lone asterisk, snake_case, 2 * 3", () => {
    expect(plainExcerpt("2 * 3 is six, see my_var_name and a * b")).toBe(
      "2 * 3 is six, see my_var_name and a * b",
    );
  });
});
