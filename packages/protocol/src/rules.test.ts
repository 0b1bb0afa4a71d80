import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { Text } from "./fields.js";
import { invalidClientFrames, validClientMessages, validServerMessages } from "./fixtures.js";
import { Name, PublicRoomName } from "./names.js";
import { checkName, checkRoomName, checkText, type RuleResult } from "./rules.js";

/** Every string found anywhere in a value: the fixtures' names, rooms and texts among them. */
function stringsIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === "string") out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) stringsIn(v, out);
  }
  return out;
}

function parsedFrame(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const fixtureStrings = stringsIn(
  [validClientMessages, validServerMessages, invalidClientFrames.map(([, t]) => parsedFrame(t))],
  new Set<string>(),
);

const edgeCases = [
  "",
  " ",
  "   \t  ",
  "\u00a0",
  "a",
  "  Zoë 🚀  ",
  "x".repeat(32),
  ` ${"x".repeat(32)} `,
  "x".repeat(33),
  "a\tb",
  "a\u0000",
  "a\u2028b",
  "a\u2029",
  "a\u009fb",
  "a\u007f",
  "\u0085",
  "a:b",
  ":",
  " : ",
  "dm:u_aaaaaaaaaaaa:u_bbbbbbbbbbbb",
  "#general",
  "x".repeat(4000),
  ` ${"x".repeat(3999)}`,
  "x".repeat(4001),
  " ".repeat(4001),
  "\n\n",
  "hi\nthere",
];

const inputs = [...fixtureStrings, ...edgeCases];

/** What zod says, in the rules' shape: the value, or the first issue's code and message. */
function viaZod(schema: z.ZodType<string>, input: string): RuleResult {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    problem: { code: first?.code as "too_small", message: first?.message ?? "" },
  };
}

describe("zod-free rules agree with the zod schemas", () => {
  it("covers the fixture tables' strings and the edge cases", () => {
    expect(fixtureStrings.size).toBeGreaterThan(20);
    expect(inputs.some((s) => checkName(s).ok)).toBe(true);
    expect(inputs.some((s) => !checkName(s).ok)).toBe(true);
  });

  it.each([
    ["checkName", checkName, Name],
    ["checkRoomName", checkRoomName, PublicRoomName],
    ["checkText", checkText, Text],
  ] as const)("%s gives the same verdict, value and first issue as zod", (_, rule, schema) => {
    for (const input of inputs) {
      expect({ input, result: rule(input) }).toEqual({ input, result: viaZod(schema, input) });
    }
  });

  it("names the rule each bad name breaks", () => {
    expect(checkName("   ")).toEqual({
      ok: false,
      problem: { code: "too_small", message: "must not be empty" },
    });
    expect(checkRoomName("a:b")).toEqual({
      ok: false,
      problem: { code: "invalid_format", message: "must not contain ':'" },
    });
    expect(checkText("x".repeat(4001)).ok).toBe(false);
  });
});
