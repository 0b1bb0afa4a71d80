import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "violet-kettle-harbour-19";
/** The server's owner (`OWNER` in playwright.config.ts): the one account that may moderate here. */
export const OWNER_NAME = "e2e-owner";

/** A unique account name for this run. */
export const uniqueName = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** A fresh browser context signed in to `name`'s account, created on first use. */
export async function signInAccount(browser: Browser, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  const online = page.getByRole("status").filter({ hasText: "Online" });
  const taken = page.getByRole("alert").filter({ hasText: "That name is taken." });
  await expect(online.or(taken)).toBeVisible();
  if (await taken.isVisible()) {
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(online).toBeVisible();
  }
  return page;
}

/** The page's session token, as the app stored it. */
export async function tokenOf(page: Page): Promise<string> {
  const token = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((k) => k.endsWith(":token"));
    return key === undefined ? null : localStorage.getItem(key);
  });
  if (token === null) throw new Error("no token stored");
  return token;
}

/** The members list of the room on screen. */
export const membersOf = (page: Page) => page.getByRole("list", { name: "Members" });
