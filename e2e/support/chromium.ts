import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium: browser downloads are impossible here, so Playwright drives /usr/bin/chromium.
 * The flags keep it from reaching for the network (refused on this machine) and from needing a GPU.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};
