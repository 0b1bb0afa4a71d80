import { expect, test, type Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { bell } from "../support/push.js";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

// Not a test: screenshots of the chat features (reactions, replies, formatting, an image, "seen by",
// the notification centre) on a desktop and a phone, in English and 中文, for a person to look at.
// `pnpm build && pnpm --filter @duplex/e2e screenshots`; they land in $SHOTS_DIR (default /tmp).
const dir = process.env.SHOTS_DIR ?? "/tmp/duplex-shots";
const image = fileURLToPath(new URL("../../docs/screenshot-mobile.png", import.meta.url));

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${dir}/${name}.png` });
}

async function toChinese(page: Page): Promise<void> {
  await page.getByRole("banner").getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^在线/);
}

test("screenshots of the chat features, desktop and phone, English and 中文", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const id = uniqueSuffix();
  const alice = await signIn(browser, `Alice-${id}`);
  const bob = await signIn(browser, `Bob-${id}`);
  await alice.setViewportSize({ width: 1200, height: 760 });
  await bob.setViewportSize({ width: 390, height: 844 });

  await sendMessage(
    alice,
    `**Ship** it today? Checklist ${id}:\n- \`pnpm build\`\n- _tests_ green`,
  );
  const bobsView = messageItem(bob, `Checklist ${id}`);
  await bobsView.getByRole("button", { name: "Add reaction" }).click();
  await shoot(bob, "phone-en-picker");
  await bob.getByRole("searchbox", { name: "Search emoji" }).fill("rocket");
  await bob.getByRole("searchbox", { name: "Search emoji" }).press("Enter");
  await bobsView.getByRole("button", { name: "Reply", exact: true }).click();
  await shoot(bob, "phone-en-replying");
  await sendMessage(bob, `Yes — after lunch ${id}`);

  await alice.locator('input[type="file"]').setInputFiles(image);
  await expect(alice.getByRole("log").locator("img").last()).toBeVisible({ timeout: 20_000 });
  await sendMessage(alice, `That's the phone layout ${id}`);
  await expect(messageItem(bob, `phone layout ${id}`)).toBeVisible();
  await expect(alice.getByText(/^Seen by/).last()).toBeVisible({ timeout: 10_000 });
  await shoot(alice, "desktop-en-conversation");
  await alice.setViewportSize({ width: 900, height: 700 });
  await shoot(alice, "tablet-en-conversation");
  await alice.setViewportSize({ width: 1200, height: 760 });
  await shoot(bob, "phone-en-conversation");

  await alice.getByRole("log").locator("img").last().click();
  await shoot(alice, "desktop-en-viewer");
  await alice.keyboard.press("Escape");

  await bell(alice).click();
  await shoot(alice, "desktop-en-notifications");
  await alice.keyboard.press("Escape");

  for (const page of [alice, bob]) await toChinese(page);
  await shoot(alice, "desktop-zh-conversation");
  await shoot(bob, "phone-zh-conversation");
  await alice.setViewportSize({ width: 900, height: 700 });
  await shoot(alice, "tablet-zh-conversation");
  await bob.getByRole("button", { name: /^通知/ }).click();
  await shoot(bob, "phone-zh-notifications");
});
