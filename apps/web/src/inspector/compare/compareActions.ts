import type { CompareMode, CompareRunCreated } from "@duplex/protocol";

/** The store's one comparison action: the session token stays in the store, never in the panel. */
export interface CompareActions {
  /** Opens a comparison run as the signed-in user; undefined when signed out or refused. */
  openCompareRun(mode: CompareMode): Promise<CompareRunCreated | undefined>;
}

export function createCompareActions(
  token: () => string | undefined,
  http: (path: string, init: RequestInit) => Promise<Response>,
): CompareActions {
  return {
    async openCompareRun(mode) {
      const bearer = token();
      if (bearer === undefined) return undefined;
      // zod and the paths load with the panel, not in the app's first chunk.
      const { openRun } = await import("./openRun.js");
      return openRun(bearer, http, mode);
    },
  };
}
