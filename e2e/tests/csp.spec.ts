import { expect, test } from "@playwright/test";
import { joinAs, messageItem, sendMessage } from "../support/chat.js";

// SECURITY.md promises that the built app runs under its strict CSP (no 'unsafe-eval') without a
// single violation: a probe that is caught still reports one, and reports are how an attack shows.
const suffix = Date.now().toString(36).slice(-5);

test("the built app loads, signs in and chats under its CSP without a single violation", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener(
      "securitypolicyviolation",
      (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"}`),
      true,
    );
  });
  const consoleReports: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleReports.push(m.text());
  });

  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("script-src 'self';");
  await joinAs(page, `Csp${suffix}`);
  // Every server message has been decoded by now: welcome, joined, and this round trip.
  await sendMessage(page, `csp check ${suffix}`);
  await expect(messageItem(page, `csp check ${suffix}`)).toBeVisible();

  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
  expect(consoleReports).toEqual([]);
  await context.close();
});
