import { expect, test } from "@playwright/test";
import { messageItem, sendMessage } from "../support/chat.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { aliceAndBob } from "../support/chatFeatures.js";

test("A replies in a thread; B sees the count and unread, opens and reads it, and the unread clears", async ({
  browser,
}) => {
  // Two browsers and an axe pass: slow on a shared machine.
  test.setTimeout(180_000);
  const { id, alice, bob } = await aliceAndBob(browser);
  const root = `release plan ${id}`;
  await sendMessage(bob, root);

  // Alice answers in the thread only: the room's timeline does not show it, the root counts it.
  await messageItem(alice, root).getByRole("button", { name: "Reply in thread" }).click();
  const panel = alice.getByRole("complementary", { name: "Thread" });
  const reply = `thread only ${id}`;
  await panel.getByRole("textbox", { name: "Reply in this thread" }).fill(reply);
  await panel.getByRole("button", { name: "Send" }).click();
  await expect(panel.getByText(reply)).toBeVisible();
  await expectNoSeriousViolations(alice, "thread panel");
  await alice.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(messageItem(alice, root).getByRole("button", { name: "1 reply" })).toBeFocused();

  // Bob started the thread, so he follows it: one reply, one unread, nothing in his timeline.
  const opener = messageItem(bob, root).getByRole("button", { name: "1 reply 1 new" });
  await expect(opener).toBeVisible();
  await expect(bob.locator(".message-list").getByText(reply)).toHaveCount(0);
  await opener.click();
  const bobPanel = bob.getByRole("complementary", { name: "Thread" });
  await expect(bobPanel.getByText(reply)).toBeVisible();
  await expect(messageItem(bob, root).getByRole("button", { name: "1 reply" })).toBeVisible();

  // A reload proves the server keeps his thread cursor: still read.
  await bob.reload();
  // Signing in again and loading the room takes a while on a busy machine.
  await expect(messageItem(bob, root).getByRole("button", { name: "1 reply" })).toBeVisible({
    timeout: 20_000,
  });
});
