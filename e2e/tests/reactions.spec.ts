import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { joinRoom, uniqueSuffix } from "../support/chatFeatures.js";

test("two users react, toggle, reply with a quote that finds the original, see formatting, and see who read (unless they stop sharing)", async ({
  browser,
}) => {
  test.slow();
  const id = uniqueSuffix();
  const aliceName = `Alice-${id}`;
  const bobName = `Bob-${id}`;
  const alice = await signIn(browser, aliceName);
  const bob = await signIn(browser, bobName);
  // A room of their own: in #general, readers from other specs could push Bob out of "Seen by".
  const room = `react-${id}`;
  for (const page of [alice, bob]) {
    await joinRoom(page, room);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#${room}`);
  }
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
  await seen.getByRole("button", { name: "Reply", exact: true }).click();
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

  // Read receipts: Alice writes, Bob has it on screen, Alice sees "Seen by Bob" under it.
  const asked = `seen ${id}`;
  await sendMessage(alice, asked);
  await expect(messageItem(bob, asked)).toBeVisible();
  const seenByBob = alice.getByRole("status", { name: new RegExp(`^Seen by .*${bobName}`) });
  await expect(seenByBob).toBeVisible();
  // Bob stops sharing his reads (the room header's notification settings): he sees nobody's...
  await expect(bob.getByRole("status", { name: /^Seen by / })).toBeVisible();
  await bob.getByRole("button", { name: /^Notification settings for/ }).click();
  await bob.getByRole("checkbox", { name: "Share read receipts" }).uncheck();
  await expect(bob.getByRole("checkbox", { name: "Share read receipts" })).not.toBeChecked();
  await expect(bob.getByRole("status", { name: /^Seen by / })).toHaveCount(0);
  await bob.keyboard.press("Escape");
  // ...and Alice's next message, which he reads, shows no "Seen by Bob". Nothing arrives to wait
  // for: past the read sender's one-second pace and the server's coalescing, it is still absent.
  const unseen = `unseen ${id}`;
  await sendMessage(alice, unseen);
  await expect(messageItem(bob, unseen)).toBeVisible();
  await alice.waitForTimeout(2_000);
  await expect(seenByBob).toHaveCount(0);
});
