import { expect, test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";

// Not a test: regenerates the README screenshots (`pnpm --filter @duplex/e2e screenshots`, after
// `pnpm build`), desktop and phone, English and 中文. Needs fonts-noto-cjk and fonts-noto-color-emoji.
test("screenshots of two users chatting, in English and 中文", async ({ browser }) => {
  const alice = await signIn(browser, "Alice");
  const bob = await signIn(browser, "Bob");
  await sendMessage(alice, "Hi Bob! This message went over one WebSocket that stays open.");
  await sendMessage(bob, "Hi Alice, and the server pushed it to me without a request 👋");
  await sendMessage(alice, "Try it: https://example.com opens safely in a new tab.");
  await sendMessage(bob, "你好！中文也一样：消息实时推送，断线重连不丢失。🎉");
  await alice.setViewportSize({ width: 1100, height: 680 });
  await bob.setViewportSize({ width: 390, height: 680 });
  for (const page of [alice, bob]) {
    await expect(page.getByRole("log").getByRole("listitem").last()).toContainText("🎉");
    // Out of the picture: the caret and the focus ring of the message box.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  await alice.screenshot({ path: "../docs/screenshot.png" });
  await bob.screenshot({ path: "../docs/screenshot-mobile.png" });

  for (const page of [alice, bob]) {
    await page.getByRole("banner").getByLabel("Language").selectOption("zh-CN");
    await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^在线/);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  }
  await alice.screenshot({ path: "../docs/screenshot-zh.png" });
  await bob.screenshot({ path: "../docs/screenshot-zh-mobile.png" });
});
