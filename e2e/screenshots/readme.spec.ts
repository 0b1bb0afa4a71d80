import { test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";

// Not a test: regenerates the README screenshots (`pnpm --filter @duplex/e2e screenshots`, after `pnpm build`).
test("screenshot of two users chatting", async ({ browser }) => {
  const alice = await signIn(browser, "Alice");
  const bob = await signIn(browser, "Bob");
  await sendMessage(alice, "Hi Bob! This message went over one WebSocket that stays open.");
  await sendMessage(bob, "Hi Alice, and the server pushed it to me without a request 👋");
  await sendMessage(alice, "Try it: https://example.com opens safely in a new tab.");
  await alice.setViewportSize({ width: 1100, height: 680 });
  await alice.waitForTimeout(300);
  await alice.screenshot({ path: "../docs/screenshot.png" });
  await bob.setViewportSize({ width: 390, height: 680 });
  await bob.screenshot({ path: "../docs/screenshot-mobile.png" });
});
