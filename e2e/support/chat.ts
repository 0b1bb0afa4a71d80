import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export interface SignInOptions {
  /** Where the app is served. @default the config's baseURL */
  url?: string;
  /** Only where axe must inject its script past the app's CSP. @default false */
  bypassCSP?: boolean;
  /** How long the first connection may take (a transport fallback is slower). @default expect's */
  onlineTimeout?: number;
  /** The page's size (a phone, a wide desktop). @default Playwright's */
  viewport?: { width: number; height: number };
}

/** Opens the app in a fresh browser context (its own storage: a separate user) and signs in. */
export async function signIn(
  browser: Browser,
  name: string,
  { url = "/", bypassCSP = false, onlineTimeout, viewport }: SignInOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ bypassCSP, ...(viewport && { viewport }) });
  const page = await context.newPage();
  await page.goto(url);
  await joinAs(page, name, { onlineTimeout });
  return page;
}

/**
 * Submits the guest sign-in form of a page already showing it, then waits until `online` (by
 * default the header's "Online" status) is visible.
 */
export async function joinAs(
  page: Page,
  name: string,
  {
    online = page.getByRole("status").filter({ hasText: "Online" }),
    onlineTimeout,
  }: { online?: Locator; onlineTimeout?: number | undefined } = {},
): Promise<void> {
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join chat" }).click();
  await expect(online).toBeVisible(onlineTimeout === undefined ? {} : { timeout: onlineTimeout });
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
