import { expect, test } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { joinRoom, uniqueSuffix } from "../support/chatFeatures.js";

test("on a phone the header takes at most 80 px and a long room name says itself in full", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const page = await signIn(browser, `Pho-${id}`, { viewport: { width: 390, height: 844 } });
  const room = `a-rather-long-room-name-${id}`;
  await page.getByRole("button", { name: /^Rooms/ }).click();
  await joinRoom(page, room);
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toHaveText(`#${room}`);
  const header = await page.getByRole("banner").boundingBox();
  if (process.env.PHONE_SHOT) await page.screenshot({ path: process.env.PHONE_SHOT });
  expect(header?.height).toBeLessThanOrEqual(80);
  // The buttons' row scrolls inside the header; the page itself never scrolls sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  // Cut with an ellipsis on screen, the full name on hover.
  await expect(title).toHaveAttribute("title", `#${room}`);
  // A popover opened from the sideways-scrolling tools shows whole, not clipped by the scroller.
  await page.getByRole("button", { name: /^Notifications/ }).click();
  await expect(page.getByRole("region", { name: "Notification centre" })).toBeInViewport({
    ratio: 0.95,
  });
});

test("on a phone the composer grows with a long line that wraps, up to its cap", async ({
  browser,
}) => {
  const page = await signIn(browser, `Gro-${uniqueSuffix()}`);
  await page.setViewportSize({ width: 390, height: 844 });
  const composer = page.getByLabel("Message", { exact: true });
  await composer.fill("one line");
  const one = (await composer.boundingBox())?.height ?? 0;
  await composer.fill(
    "a sentence with no newline in it that is long enough to wrap on a phone ".repeat(2),
  );
  await expect
    .poll(async () => (await composer.boundingBox())?.height ?? 0)
    .toBeGreaterThan(one + 15);
  // Everything visible without scrolling the box, until the cap.
  expect(await composer.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  await composer.fill("word ".repeat(400));
  const capped = (await composer.boundingBox())?.height ?? 0;
  expect(capped).toBeLessThanOrEqual(161); // max-height 10rem
  await composer.fill("");
  await expect
    .poll(async () => (await composer.boundingBox())?.height ?? 0)
    .toBeLessThanOrEqual(one + 1);
});
