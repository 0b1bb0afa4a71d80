import { expect, test } from "@playwright/test";
import { oneAccountOnTwoDevices, PASSWORD } from "../support/accounts.js";
import { expectNoSeriousViolations } from "../support/axe.js";

test("revoking another device from the devices page signs that device out (4401)", async ({
  page,
  browser,
}) => {
  const { second } = await oneAccountOnTwoDevices(page, browser, "dev");

  await page.getByRole("button", { name: "Devices" }).click();
  const devices = page.getByRole("region", { name: "Signed-in devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await expect(devices.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  await expectNoSeriousViolations(page, "devices page");

  await devices.getByRole("button", { name: /^Revoke / }).click();
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  // The revoked browser is closed with 4401 and told it is signed out.
  await expect(second.getByRole("alert").filter({ hasText: "Signed out" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await second.context().close();
});

test("the devices page fits a phone screen", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
  const page = await phone.newPage();
  await page.goto("/");
  await page.getByLabel("Account name").fill(`ph${Date.now().toString(36)}`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Devices" }).click();
  const devices = page.getByRole("region", { name: "Signed-in devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(1);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(page, "devices page on a phone");
  await phone.close();
});
