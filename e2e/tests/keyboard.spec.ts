import { expect, test, type Locator, type Page } from "@playwright/test";
import { messageItem } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

/**
 * Presses Tab until `target` has focus; fails after `max` presses (a Tab stop that never comes). The
 * way round passes every loaded message's Reply and reaction buttons, and #general holds other runs'.
 */
async function tabTo(page: Page, target: Locator, max = 300): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`no Tab stop reached ${target.toString()}`);
}

/** Tabs to `toggle` and presses Enter. */
async function openWithEnter(page: Page, toggle: Locator): Promise<void> {
  await tabTo(page, toggle);
  await page.keyboard.press("Enter");
}

/** Escape hides `panel` and puts focus back on the `toggle` that opened it. */
async function closeWithEscape(page: Page, panel: Locator, toggle: Locator): Promise<void> {
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(toggle).toBeFocused();
}

test("keyboard only: sign in, send, switch room, inspector, notification centre", async ({
  browser,
}) => {
  // Dozens of Tab presses, each checked: ~25 s on a busy machine, near the 30 s default.
  test.setTimeout(90_000);
  const id = uniqueSuffix();
  const room = `keys-${id}`;
  const page = await (await browser.newContext()).newPage();
  await page.goto("/");

  // Sign in.
  await tabTo(page, page.getByLabel("Your name"));
  await page.keyboard.type(`Kim-${id}`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Online/);

  // Focus lands in the message box, not on <body>: type and send at once.
  const composer = page.getByLabel("Message", { exact: true });
  await expect(composer).toBeFocused();
  await page.keyboard.type(`hello from the keyboard ${id}`);
  await page.keyboard.press("Enter");
  await expect(messageItem(page, `hello from the keyboard ${id}`)).toContainText("Sent");

  // The first Tab stop is a skip link straight back to the message box.
  // (From the top of the page, as after a load: focus on <body>.)
  await page.locator("body").evaluate((body) => {
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute("tabindex");
  });
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the message box" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(composer).toBeFocused();

  // Create a room, then switch back to #general, all from the keyboard.
  await tabTo(page, page.getByLabel("Room name"));
  await page.keyboard.type(room);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`#${room}`);
  await openWithEnter(page, page.getByRole("button", { name: "#general", exact: true }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("#general");

  // The inspector takes focus when opened; Esc closes it and focus returns to its button.
  const toggle = page.getByRole("banner").getByRole("button", { name: "Inspector" });
  const inspector = page.getByRole("heading", { name: "Protocol inspector" });
  await openWithEnter(page, toggle);
  await expect(inspector).toBeFocused();
  await closeWithEscape(page, inspector, toggle);

  // The notification centre opens from its bell and closes with Esc, back on the bell.
  const bell = page.getByRole("banner").getByRole("button", { name: /^Notifications/ });
  const centre = page.getByRole("region", { name: "Notification centre" });
  await openWithEnter(page, bell);
  await expect(centre).toBeVisible();
  await closeWithEscape(page, centre, bell);

  // The focus ring is a solid outline, visible against the page.
  const ring = await bell.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe("solid");
});
