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

/**
 * The server's owner and a new account `<prefix>…`, both signed in (two browser contexts), and the
 * member's row in the owner's member list.
 */
export async function ownerAndMember(browser: Browser, prefix: string) {
  const owner = await signInAccount(browser, OWNER_NAME);
  const name = uniqueName(prefix);
  const member = await signInAccount(browser, name);
  const row = membersOf(owner).getByRole("listitem").filter({ hasText: name });
  return { owner, name, member, row };
}

/**
 * One new account signed in on two devices: `page` creates it, a second browser context signs in.
 * Both show "Online" before this returns.
 */
export async function oneAccountOnTwoDevices(
  page: Page,
  browser: Browser,
  prefix: string,
): Promise<{ name: string; second: Page }> {
  const name = uniqueName(prefix);
  const online = (p: Page) => p.getByRole("status").filter({ hasText: "Online" });
  await page.goto("/");
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(online(page)).toBeVisible();

  const second = await (await browser.newContext()).newPage();
  await second.goto("/");
  await second.getByLabel("Account name").fill(name);
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(online(second)).toBeVisible();
  return { name, second };
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
