import { z } from "zod";

// Set by the decoder around one synchronous parse, so an enum that fell back can be reported.
let degraded: string[] | undefined;

/** Runs `parse(a, b)` (no closure per call) and returns what it returned plus every open enum that fell back during it. */
export function collectDegraded<T, A, B>(
  parse: (a: A, b: B) => T,
  a: A,
  b: B,
): { result: T; degraded: string[] } {
  const outer = degraded;
  degraded = [];
  try {
    const result = parse(a, b);
    return { result, degraded };
  } finally {
    degraded = outer;
  }
}

/**
 * An enum that may grow within v1 (`[C3]` in the README): writers use only the listed values (the
 * type says so), and a reader meeting a value it does not know reads `fallback`, the documented
 * generic form, instead of dropping the whole frame. `name` labels the fallback in logs and metrics.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
  name: string,
) {
  return z
    .enum(values)
    .catch((ctx) => {
      degraded?.push(`${name}=${String(ctx.input).slice(0, 32)}`);
      return fallback;
    })
    .meta({ "x-open-enum": { fallback } });
}
