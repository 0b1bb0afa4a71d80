import { z } from "zod";

/**
 * An environment variable holding a whole number within [min, max]. Digits only: `1e3`, `-1` and
 * `12ms` are refused with `message` rather than read as something the operator did not mean.
 */
export function wholeNumber(min: number, max: number, message = "must be a whole number") {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** An environment variable that turns something `on` or `off` (any case). */
export const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["on", "off"]));
