import { expect, test, type Page } from "@playwright/test";
import { messageItem, signIn } from "../support/chat.js";
import { enterRoom, roomButton, uniqueSuffix } from "../support/chatFeatures.js";
import { seedMessages } from "../support/seed.js";

/** Rows of different heights, as a real conversation has: one-liners and wrapped paragraphs. */
function conversation(count: number, id: string): string[] {
  return Array.from({ length: count }, (_, i) =>
    i % 3 === 0
      ? `long ${i + 1} ${"a paragraph that wraps over several lines of the column ".repeat(6)}`
      : `short ${i + 1}`,
  ).map((text, i) => (i === count - 1 ? `newest ${id}` : text));
}

/** Pixels between the log's visible bottom and its content's bottom. */
function gapBelow(page: Page): Promise<number> {
  return page.getByRole("log").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

for (const viewport of [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
]) {
  test(`a room opens on its newest message (${viewport.name})`, async ({ browser }) => {
    test.slow(); // 80 messages stored and a reload: 9 s here, 29 s of 30 on a loaded CI machine
    const id = uniqueSuffix();
    const room = `history-${id}`;
    const page = await signIn(browser, `Scroll-${id}`);
    await page.setViewportSize(viewport);
    if (viewport.name === "phone") await page.getByRole("button", { name: /^Rooms/ }).click();
    await enterRoom(page, room);
    await seedMessages(page, room, conversation(80, id));
    await page.reload();
    await expect(messageItem(page, `newest ${id}`)).toBeInViewport({ ratio: 1 });
    await expect.poll(() => gapBelow(page)).toBeLessThanOrEqual(1);

    // Switching away and back lands on the newest message again.
    if (viewport.name === "phone") await page.getByRole("button", { name: /^Rooms/ }).click();
    await roomButton(page, "#general").click();
    await expect(page.getByRole("heading", { name: "#general" })).toBeVisible();
    if (viewport.name === "phone") await page.getByRole("button", { name: /^Rooms/ }).click();
    await roomButton(page, `#${room}`).click();
    await expect(messageItem(page, `newest ${id}`)).toBeInViewport({ ratio: 1 });
    await expect.poll(() => gapBelow(page)).toBeLessThanOrEqual(1);
  });
}

test("loading an older page keeps the message being read where it was", async ({ browser }) => {
  test.slow(); // a long history stored first: 8 s here, 17 s on a loaded CI machine
  const id = uniqueSuffix();
  const room = `paging-${id}`;
  const page = await signIn(browser, `Pager-${id}`);
  await enterRoom(page, room);
  await seedMessages(page, room, conversation(90, id));
  await page.reload();
  await expect(messageItem(page, `newest ${id}`)).toBeInViewport();
  // The joined page holds the newest 50 (41–90); 42 keeps its look when older rows arrive above.
  const reading = page
    .getByRole("log")
    .getByRole("listitem")
    .filter({ hasText: /short 42(?!\d)/ });
  await expect(reading).toHaveCount(1);
  // Scroll to the top and, in the same task (before any reply), note where the row sits.
  const before = await page.getByRole("log").evaluate((log) => {
    log.scrollTop = 10;
    const row = [...log.querySelectorAll("li")].find((li) =>
      /short 42(?!\d)/.test(li.textContent ?? ""),
    );
    return row?.getBoundingClientRect().top ?? Number.NaN;
  });
  // Scrolling to the top fetched the older page, put above what was being read.
  const older = page
    .getByRole("log")
    .getByRole("listitem")
    .filter({ hasText: /short 2(?!\d)/ });
  await expect(older).toHaveCount(1);
  // Within one name line: row 41 joins the group of the rows now above it and drops its header.
  // Without the adjustment the row would jump by the whole page of 40 rows (thousands of px).
  await expect
    .poll(async () =>
      Math.abs((await reading.evaluate((el) => el.getBoundingClientRect().top)) - before),
    )
    .toBeLessThanOrEqual(30);
});
