import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";

test("two users chat live in #general, and history survives a reload", async ({ browser }) => {
  const alice = await signIn(browser, "Alice");
  const bob = await signIn(browser, "Bob");

  const text = `Hello Bob, it is ${Date.now()}`;
  await sendMessage(alice, text);

  // Bob sees it within a second, pushed by the server without asking.
  await expect(messageItem(bob, text)).toBeVisible({ timeout: 1_000 });
  await expect(messageItem(bob, text)).toContainText("Alice");
  // Alice's own copy turns from pending to sent once the server has stored it.
  await expect(messageItem(alice, text)).toContainText("Sent");

  await bob.reload();
  await expect(messageItem(bob, text)).toBeVisible();
});
