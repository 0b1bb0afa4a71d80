import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { ServerProcess } from "../support/serverProcess.js";

const server = new ServerProcess(Number(process.env.E2E_RESILIENCE_PORT ?? 8788));

test.beforeAll(async () => server.start());
test.afterAll(async () => server.kill());

test("a message sent while the server is down is delivered once when it comes back", async ({
  browser,
}) => {
  test.slow(); // two browsers and a server restart on a 2-core machine
  const open = (name: string) => signIn(browser, name, { url: server.url });
  const alice = await open("Alice");
  const bob = await open("Bob");
  const pill = (page: typeof alice) =>
    page.getByRole("status").filter({ hasText: /Online|Connecting|Reconnecting|Offline/ });

  await server.kill();
  await expect(pill(alice)).toContainText("Reconnecting");

  const text = `sent during the outage ${Date.now()}`;
  await sendMessage(alice, text);
  await expect(messageItem(alice, text)).toContainText("Sending…");

  await server.start();
  // Backoff is capped and jittered; the pill walks back to Online on its own.
  await expect(pill(alice)).toContainText("Online", { timeout: 20_000 });
  await expect(messageItem(alice, text)).toContainText("Sent", { timeout: 10_000 });
  await expect(messageItem(bob, text)).toHaveCount(1, { timeout: 20_000 });

  // Once, also after a reload that re-reads history from the store.
  await bob.reload();
  await expect(messageItem(bob, text)).toHaveCount(1);
});
