import { defaultClientConditions, defaultServerConditions } from "vite";

/**
 * Workspace packages export their TypeScript sources under the `duplex-source` condition, so tests,
 * `pnpm dev` and typechecking never need a build step first; `node dist/…` in production uses `default`.
 */
export const sourceConditions = {
  resolve: { conditions: ["duplex-source", ...defaultClientConditions] },
  ssr: { resolve: { conditions: ["duplex-source", ...defaultServerConditions] } },
};
