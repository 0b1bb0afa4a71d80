import { defineConfig } from "@playwright/test";
import base from "./playwright.config.js";

// Measurements (the inspector's transport comparison): same server and browser as the e2e suite,
// not part of it — a run takes about a minute.
export default defineConfig({ ...base, testDir: "./measure", timeout: 240_000, retries: 0 });
