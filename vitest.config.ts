import { defineConfig } from "vitest/config";

// One `vitest run` at the root runs every workspace's unit, integration and component tests.
export default defineConfig({
  test: {
    projects: [
      "packages/protocol",
      "packages/client",
      "packages/rawsocket",
      "apps/server",
      "apps/web",
      "apps/bench",
    ],
  },
});
