import { afterAll, beforeAll } from "vitest";
import type { Target } from "../src/adapters/target.js";
import type { RunningTarget } from "../src/targets/targetProcess.js";

/** Starts `target` before the enclosing describe's tests and stops it after them; call in a describe. */
export function startedTarget(target: Target): () => RunningTarget {
  let server: RunningTarget | undefined;
  beforeAll(async () => {
    server = await target.start();
  }, 60_000);
  afterAll(() => server?.stop(), 30_000);
  return () => {
    if (server === undefined) throw new Error(`${target.name} did not start`);
    return server;
  };
}
