import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { messageItem, sendMessage } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

test("on a touch phone Edit/Delete are readable, and Delete can be undone before it is sent", async ({
  browser,
}) => {
  // One axe run and a 5 s undo window: slow on a busy machine.
  test.setTimeout(120_000);
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  await page.goto("/");
  // The touch layout is what is under test: without it this test would prove nothing.
  expect(await page.evaluate(() => matchMedia("(hover: none)").matches)).toBe(true);
  const id = uniqueSuffix();
  const text = `posted in the wrong room ${id}`;
  await page.getByLabel("Your name").fill(`Tess-${id}`);
  await page.getByRole("button", { name: "Join chat" }).click();
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Online/);

  await sendMessage(page, text);
  const own = messageItem(page, text);
  await expect(own).toContainText("Sent");
  await expect(own.getByRole("button", { name: "Delete" })).toBeVisible();
  // axe's colour-contrast rule covers the always-shown touch buttons on our own bubble.
  await expectNoSeriousViolations(page, "chat on a touch phone");

  // Only this test's message: #general keeps the messages of earlier runs.
  const ownId = await own.getAttribute("data-message-id");
  await own.getByRole("button", { name: "Delete" }).tap();
  const deleted = page
    .locator(`li[data-message-id="${ownId}"]`)
    .filter({ hasText: "This message was deleted" });
  await expect(deleted).toBeVisible();
  await expect(deleted).not.toContainText("Sent");
  // A finger does not wait for two steady frames; on a busy machine Playwright's wait for them
  // can outlast the 5 s undo window (seen in CI: "element is not stable", then the delete went out).
  await page.getByRole("button", { name: `Undo deleting: ${text}` }).tap({ force: true });
  await expect(own).toContainText("Sent");

  // Not undone: the delete reaches the server after the undo time, and a reload shows it deleted.
  await own.getByRole("button", { name: "Delete" }).tap();
  await expect(page.getByRole("article", { name: "Message deleted" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Message deleted" })).toHaveCount(0, {
    timeout: 10_000,
  });
  await page.reload();
  await expect(deleted).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  await context.close();
});
