import { defineConfig } from "vitest/config";
import { sourceConditions } from "../../vitest.shared.js";

export default defineConfig({
  ...sourceConditions,
  test: { name: "bench", include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 20_000 },
});
