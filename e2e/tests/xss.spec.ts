import { expect, test, type Page } from "@playwright/test";
import { joinAs, messageItem, sendMessage, signIn } from "../support/chat.js";
import { pushNotification, toast } from "../support/push.js";

// Hostile text must render as text: React escapes it, links are http(s) only, and the server's CSP
// (script-src 'self') is a second wall. The e2e database is shared by every spec: names unique per run.
const suffix = Date.now().toString(36).slice(-5);

const TEXT_PAYLOADS = [
  `<img src=x onerror=window.__xss=1> ${suffix}`,
  `<script>window.__xss=1</script> ${suffix}`,
  `javascript:window.__xss=1 ${suffix}`,
  `<a href="javascript:window.__xss=1">click ${suffix}</a>`,
];

// Names are at most 32 characters: shorter forms of the same attacks.
const NAME_PAYLOADS = [
  `<img src=x onerror=__xss=1>${suffix}`,
  `<script>__xss=1</script>${suffix}`,
  `javascript:__xss=1 ${suffix}`,
];

/** Nothing ran and nothing dangerous reached the DOM. */
async function expectNoExecution(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  await expect(page.locator('[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator("body script")).toHaveCount(0);
  await expect(page.locator("[onerror], [onclick], [onload]")).toHaveCount(0);
}

/** Closes each page's browser context, so later specs do not share the CPU with idle tabs. */
async function closeAll(pages: readonly Page[]): Promise<void> {
  for (const page of pages) await page.context().close();
}

test("HTML and javascript: payloads in chat text are shown literally and never run", async ({
  browser,
}) => {
  test.slow(); // two browsers and formatted text on a 2-core machine
  const alice = await signIn(browser, `Xa${suffix}`);
  const bob = await signIn(browser, `Xb${suffix}`);
  for (const payload of TEXT_PAYLOADS) await sendMessage(alice, payload);
  for (const page of [alice, bob]) {
    for (const payload of TEXT_PAYLOADS) {
      await expect(messageItem(page, payload)).toBeVisible();
    }
    await expectNoExecution(page);
  }
  // After a reload (history from the server) the text is still inert.
  await bob.reload();
  await expect(messageItem(bob, TEXT_PAYLOADS[0] ?? "")).toBeVisible();
  await expectNoExecution(bob);
  await closeAll([alice, bob]);
});

test("HTML and javascript: payloads as user names are shown literally and never run", async ({
  browser,
}) => {
  test.slow(); // four browser contexts on a 2-core machine
  const observer = await signIn(browser, `Xo${suffix}`);
  const pages: Page[] = [];
  for (const [i, name] of NAME_PAYLOADS.entries()) {
    const page = await signIn(browser, name);
    pages.push(page);
    const text = `hello from name ${i} ${suffix}`;
    await sendMessage(page, text);
    await expect(messageItem(observer, text)).toContainText(name);
  }
  for (const page of [observer, ...pages]) await expectNoExecution(page);
  await closeAll([observer, ...pages]);
});

test("HTML payloads in a pushed notification's title and body are shown literally", async ({
  browser,
  baseURL,
}) => {
  const page = await signIn(browser, `Xn${suffix}`);
  const title = `<img src=x onerror=window.__xss=1> ${suffix}`;
  const body = `<script>window.__xss=1</script> javascript:window.__xss=1`;
  await pushNotification(baseURL ?? "", { to: "all", title, body });
  await expect(toast(page, title)).toBeVisible();
  await expect(toast(page, title)).toContainText(body);
  await expectNoExecution(page);
  await closeAll([page]);
});

test("the app runs under the server's strict CSP without a single violation", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) violations.push(m.text());
  });
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self' ws://");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  await joinAs(page, `Xc${suffix}`);
  await sendMessage(page, `csp check ${suffix}`);
  await expect(messageItem(page, `csp check ${suffix}`)).toContainText("Sent");
  expect(violations).toEqual([]);
  await context.close();
});
