import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

test("two users react, toggle, reply with a quote that finds the original, and see formatting", async ({
  browser,
}) => {
  test.slow();
  const id = uniqueSuffix();
  const aliceName = `Alice-${id}`;
  const bobName = `Bob-${id}`;
  const alice = await signIn(browser, aliceName);
  const bob = await signIn(browser, bobName);
  const marker = `plan ${id}`;
  await sendMessage(alice, `**ship** the \`build\` ${marker}`);

  // Formatting: bold and code render as elements in the other browser.
  const seen = messageItem(bob, marker);
  await expect(seen.locator("strong")).toHaveText("ship");
  await expect(seen.locator("code")).toHaveText("build");

  // Alice reacts through the picker (searching in English); Bob sees the count live.
  const mine = messageItem(alice, marker);
  await mine.getByRole("button", { name: "Add reaction" }).click();
  await alice.getByRole("searchbox", { name: "Search emoji" }).fill("thumbs up");
  await alice.getByRole("searchbox", { name: "Search emoji" }).press("Enter");
  const bobChip = seen.getByRole("button", { name: `👍 1: ${aliceName}` });
  await expect(bobChip).toHaveAttribute("aria-pressed", "false");
  // Bob adds his: both browsers count two; Bob's chip is pressed.
  await bobChip.click();
  await expect(
    mine.getByRole("button", { name: `👍 2: ${aliceName}, ${bobName}` }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(seen.getByRole("button", { name: /^👍 2/ })).toHaveAttribute("aria-pressed", "true");
  // And takes it back.
  await seen.getByRole("button", { name: /^👍 2/ }).click();
  await expect(mine.getByRole("button", { name: `👍 1: ${aliceName}` })).toBeVisible();

  // Bob replies; Alice sees the quote and, clicking it, the original highlighted.
  await seen.getByRole("button", { name: "Reply" }).click();
  await expect(bob.getByText(`Replying to ${aliceName}`)).toBeVisible();
  await sendMessage(bob, `agreed ${id}`);
  const reply = messageItem(alice, `agreed ${id}`);
  const quote = reply.getByRole("button", {
    name: new RegExp(`^Show the message by ${aliceName}`),
  });
  await expect(quote).toBeVisible();
  await quote.click();
  // The reply's quote holds the marker too: the original is the first row with it.
  await expect(mine.first()).toHaveClass(/is-highlighted/);
});
