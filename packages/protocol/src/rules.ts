import { LIMITS } from "./limits.js";

// The Name, PublicRoomName and Text rules without zod, for the UI's initial bundle.
// rules.test.ts runs these and the zod schemas over the same inputs: they must agree, issue for issue.

/** Why a value failed, shaped like the first zod issue the schema would report. */
export interface RuleProblem {
  readonly code: "too_small" | "too_big" | "invalid_format";
  readonly message: string;
}

export type RuleResult = { ok: true; value: string } | { ok: false; problem: RuleProblem };

// Same character class as names.ts (kept as a regex there so it reaches the JSON Schema).
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const NOT_BLANK = /\S/;

const fail = (code: RuleProblem["code"], message: string): RuleResult => ({
  ok: false,
  problem: { code, message },
});

/** The protocol's `Name` rule: trimmed, 1–32 characters, no control characters. */
export function checkName(input: string): RuleResult {
  const value = input.trim();
  if (value.length < LIMITS.minNameLength) return fail("too_small", "must not be empty");
  if (value.length > LIMITS.maxNameLength) {
    return fail("too_big", `must be at most ${LIMITS.maxNameLength} characters`);
  }
  if (CONTROL_CHAR.test(value)) {
    return fail("invalid_format", "must not contain control characters");
  }
  if (!NOT_BLANK.test(value)) return fail("invalid_format", "must not be empty");
  return { ok: true, value };
}

/** The protocol's `PublicRoomName` rule: a name without `:`. */
export function checkRoomName(input: string): RuleResult {
  const name = checkName(input);
  if (name.ok && name.value.includes(":")) return fail("invalid_format", "must not contain ':'");
  return name;
}

/** The protocol's `Text` rule: not blank, at most `maxTextLength` characters (not trimmed). */
export function checkText(input: string): RuleResult {
  if (input.length > LIMITS.maxTextLength) {
    return fail("too_big", `must be at most ${LIMITS.maxTextLength} characters`);
  }
  if (!NOT_BLANK.test(input)) return fail("invalid_format", "must not be empty");
  return { ok: true, value: input };
}
