import { expect, type Browser, type Page } from "@playwright/test";

/** Opens the app in a fresh browser context (its own storage: a separate user) and signs in. */
export async function signIn(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join chat" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  return page;
}

/** Types a message in the composer and presses Enter. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const composer = page.getByLabel("Message", { exact: true });
  await composer.fill(text);
  await composer.press("Enter");
}

/** The list item of the message whose text contains `text`. */
export function messageItem(page: Page, text: string) {
  return page.getByRole("log").getByRole("listitem").filter({ hasText: text });
}
