// zod's core alone: the full `z` namespace would pull every schema builder into the browser's first chunk.
import { config } from "zod/v4/core";

/**
 * Makes the schemas validate without compiling code at run time. zod otherwise probes
 * `new Function("")` once to see whether it may compile faster validators; under a CSP without
 * `'unsafe-eval'` the probe fails harmlessly but still fires a `securitypolicyviolation` report.
 * zod decides when a schema is built, so browsers call this before any schema module loads;
 * servers keep the faster compiled path.
 */
export function validateWithoutEval(): void {
  config({ jitless: true });
}
