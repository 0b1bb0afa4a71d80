import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunchOptions } from "./support/chromium.js";

// The real server, built, serving the built web app from one port, on a throwaway SQLite file.
const port = Number(process.env.E2E_PORT ?? 8787);
const dataDir = mkdtempSync(join(tmpdir(), "duplex-e2e-"));

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    trace: "retain-on-failure",
  },
  webServer: {
    // As `pnpm start` runs it: on jemalloc when the machine has it (apps/server/bin/start.sh).
    command: "sh ../apps/server/bin/start.sh",
    // A pure WebSocket endpoint answers GET with 426; /healthz is the readiness probe.
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DB_PATH: join(dataDir, "duplex.db"),
      LOG_LEVEL: "warn",
      TOKEN_SECRET: "e2e-secret-e2e-secret-e2e-secret",
      // Enables POST /api/notifications for push.spec.ts.
      ADMIN_TOKEN: "e2e-admin-token",
      // Every browser here comes from 127.0.0.1: per-address budgets would be shared by all specs.
      SIGNUPS_PER_IP_PER_HOUR: "100000",
      ROOMS_PER_IP_PER_HOUR: "100000",
      // big-room.spec.ts holds 120 raw sockets open from this one address.
      MAX_CONNECTIONS_PER_IP: "1000",
      // The moderation specs sign in as this owner, whichever spec registers an account first.
      OWNER: "e2e-owner",
    },
  },
});
