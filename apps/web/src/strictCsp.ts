import { validateWithoutEval } from "@duplex/protocol/strict-csp";

// Imported first by main.tsx: zod decides whether to compile a schema when the schema is built, so
// jitless must be set before any module builds one (a module-body call in main.tsx runs too late).
// The subpath keeps the protocol's other modules (and their schemas) out of this module's imports.
validateWithoutEval();
