import { expect, test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

test("the inspector docks beside the chat instead of covering own messages and Send", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const page = await signIn(browser, `Ines-${id}`, { viewport: { width: 1280, height: 800 } });
  await sendMessage(page, `mine ${id}`);
  await page.getByRole("button", { name: "Inspector" }).click();
  const panel = page.getByRole("complementary", { name: "Protocol inspector" });
  await expect(panel).toBeVisible();

  const inspectorLeft = (await panel.boundingBox())?.x ?? 0;
  const send = await page.getByRole("button", { name: "Send" }).boundingBox();
  const own = await page
    .getByRole("log")
    .getByRole("listitem")
    .filter({ hasText: `mine ${id}` })
    .boundingBox();
  expect(send && send.x + send.width).toBeLessThanOrEqual(inspectorLeft);
  expect(own && own.x + own.width).toBeLessThanOrEqual(inspectorLeft);

  // Dragging its edge to the left widens it; the chat narrows with it and stays uncovered.
  const edge = page.getByRole("separator", { name: "Inspector width" });
  const box = await edge.boundingBox();
  if (!box) throw new Error("no resize edge");
  await page.mouse.move(box.x + 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x - 150, box.y + 200, { steps: 5 });
  await page.mouse.up();
  const wider = (await panel.boundingBox())?.x ?? 0;
  expect(wider).toBeLessThan(inspectorLeft - 100);
  const sendAfter = await page.getByRole("button", { name: "Send" }).boundingBox();
  expect(sendAfter && sendAfter.x + sendAfter.width).toBeLessThanOrEqual(wider);
});

test("on a phone the inspector's tables are readable, not one letter a line", async ({
  browser,
}) => {
  const page = await signIn(browser, `Phil-${uniqueSuffix()}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Inspector" }).click();
  const panel = page.getByRole("complementary", { name: "Protocol inspector" });
  await expect(panel.getByRole("table", { name: "Request the server received" })).toBeVisible();
  // Every label cell is at least as wide as a short word and nothing spills past the screen.
  const narrowest = await panel.evaluate((el) =>
    Math.min(...[...el.querySelectorAll("th")].map((th) => th.getBoundingClientRect().width)),
  );
  expect(narrowest).toBeGreaterThan(24);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
