import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";

const PASSWORD = "violet-kettle-harbour-19";

test("create an account, sign out, sign in again with the password", async ({ page }) => {
  const name = `acct${Date.now().toString(36)}`;
  await page.goto("/");
  await expectNoSeriousViolations(page, "sign-in with the account form");

  // A wrong password for an unknown name is refused with a clear message, not a crash.
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong name or password.");

  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await expect(page.locator(".whoami")).toContainText(name);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Have an account?" })).toBeVisible();
  // Signed out for good: a reload does not come back signed in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Have an account?" })).toBeVisible();

  await page.getByLabel("Account name").fill(name.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Password").press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await expect(page.locator(".whoami")).toContainText(name);
  // The account, not a guest: a reload keeps it.
  await page.reload();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await expect(page.locator(".whoami")).toContainText(name);
});
