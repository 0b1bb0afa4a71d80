import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";
import { seedMessages } from "../support/seed.js";

test("a Chinese two-character search finds another user's message and jumps back to it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = uniqueSuffix();
  const alice = await signIn(browser, `Alice-${id}`);
  const text = `项目周会改到星期四 ${id}`;
  const marker = `星期四 ${id}`;
  await sendMessage(alice, text);
  await expect(messageItem(alice, marker)).toBeVisible();
  // Far above what the room shows on opening: the jump has to page history back to it.
  await seedMessages(
    alice,
    "general",
    Array.from({ length: 70 }, (_, i) => `filler ${i}`),
  );
  // Bob arrives later: his client holds only the latest page, not the message.
  const bob = await signIn(browser, `Bob-${id}`);
  await expect(messageItem(bob, "filler 69")).toBeVisible();
  await expect(messageItem(bob, marker)).toHaveCount(0);

  await bob.getByRole("button", { name: "Search", exact: true }).click();
  const box = bob.getByRole("searchbox", { name: "Words to find" });
  await expect(box).toBeFocused();
  await box.fill("周会");
  await box.press("Enter");
  const results = bob.getByRole("list", { name: "Search results" });
  const hit = results.getByRole("button").filter({ hasText: marker });
  await expect(hit).toBeVisible();
  await expect(hit.locator("mark")).toHaveText(["周会"]);
  await expectNoSeriousViolations(bob, "search results");

  // Keyboard: the hit is a button; Enter opens it.
  await hit.focus();
  await bob.keyboard.press("Enter");
  await expect(results).toHaveCount(0);
  const row = messageItem(bob, marker);
  await expect(row).toHaveClass(/is-highlighted/);
  await expect(row).toBeFocused();
});
