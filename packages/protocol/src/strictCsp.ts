import { z } from "zod";

/**
 * Makes the schemas validate without compiling code at run time. zod otherwise probes
 * `new Function("")` once to see whether it may compile faster validators; under a CSP without
 * `'unsafe-eval'` the probe fails harmlessly but still fires a `securitypolicyviolation` report.
 * Browsers call this once before the first decode; servers keep the faster compiled path.
 */
export function validateWithoutEval(): void {
  z.config({ jitless: true });
}
