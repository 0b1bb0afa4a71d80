import { expect, test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";
import { roomButton, uniqueSuffix } from "../support/chatFeatures.js";

test("a new direct message toasts, counts on the bell and in the tab title until it is read", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const [aliceName, bobName] = [`Alice-${id}`, `Bob-${id}`];
  const alice = await signIn(browser, aliceName);
  const bob = await signIn(browser, bobName);
  await expect(alice.getByRole("list", { name: "Members" })).toContainText(bobName);
  await expect(bob).toHaveTitle("Duplex");

  await alice.getByRole("button", { name: `Private chat with ${bobName}` }).click();
  await expect(alice.getByRole("heading", { name: `@${bobName}` })).toBeVisible();
  await sendMessage(alice, "are you free at noon?");

  const toast = bob.getByRole("article", { name: `${aliceName} sent you a direct message` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText("are you free at noon?");
  await expect(bob.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await expect(bob).toHaveTitle("(1) Duplex");
  // The sender is not notified of their own message.
  await expect(alice).toHaveTitle("Duplex");

  // Opening the conversation reads it: the bell and the tab title clear.
  await roomButton(bob, `@${aliceName}`).click();
  await expect(bob.getByRole("heading", { name: `@${aliceName}` })).toBeVisible();
  await expect(bob).toHaveTitle("Duplex");
  await expect(bob.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
});
