import { expect, test } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { joinRoom, uniqueSuffix } from "../support/chatFeatures.js";

test("on a phone the header takes at most 80 px and a long room name says itself in full", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const page = await signIn(browser, `Pho-${id}`);
  await page.setViewportSize({ width: 390, height: 844 });
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
});
