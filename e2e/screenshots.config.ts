import { defineConfig } from "@playwright/test";
import base from "./playwright.config.js";

// The README screenshots: same server and browser as the e2e suite, but not part of it.
export default defineConfig({ ...base, testDir: "./screenshots", retries: 0 });
