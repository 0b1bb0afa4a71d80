import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { ServerProcess } from "../support/serverProcess.js";

// The offline app shell: with the server down, a reload is answered by the service worker's
// precached shell, the app opens signed in with its room and outbox, and what was typed meanwhile
// is sent — once — when the server is back. Its own server, so it can be killed.
const server = new ServerProcess(Number(process.env.E2E_OFFLINE_PORT ?? 8796));
const suffix = Date.now().toString(36).slice(-5);

test.slow();
test.beforeAll(async () => server.start());
test.afterAll(async () => server.kill());

test("with the server down the app opens from its service worker, keeps the outbox, and sends once back", async ({
  browser,
}) => {
  const page = await signIn(browser, `Off${suffix}`, { url: server.url });
  // The worker has precached the shell and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await server.kill();
  await page.reload();
  await expect(page.getByRole("heading", { name: "#general" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(`Off${suffix}`, { exact: true })).toBeVisible();
  await expect(
    page.getByRole("status").filter({ hasText: /Connecting|Reconnecting|Offline/ }),
  ).toBeVisible();

  const text = `typed while the server was down ${suffix}`;
  await sendMessage(page, text);
  await expect(messageItem(page, text)).toContainText("Sending…");

  await server.start();
  await expect(messageItem(page, text)).toContainText("Sent", { timeout: 30_000 });
  // Exactly once, for someone else and after a reload that reads history from the store.
  const reader = await signIn(browser, `Rea${suffix}`, { url: server.url });
  await expect(messageItem(reader, text)).toHaveCount(1, { timeout: 15_000 });
  await page.reload();
  await expect(messageItem(page, text)).toHaveCount(1, { timeout: 15_000 });
});
