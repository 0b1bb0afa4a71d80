import { expect, test } from "@playwright/test";
import { oneAccountOnTwoDevices, PASSWORD } from "../support/accounts.js";
import { expectNoSeriousViolations } from "../support/axe.js";

test.slow(); // two browsers and axe on a shared 2-core machine

test("a device signed out from elsewhere lands on the sign-in screen, saying why", async ({
  page,
  browser,
}) => {
  const { name, second } = await oneAccountOnTwoDevices(page, browser, "end");

  await page.getByRole("button", { name: "Devices" }).click();
  const devices = page.getByRole("region", { name: "Signed-in devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await devices.getByRole("button", { name: /^Revoke / }).click();

  // The revoked tab leaves the chat for the sign-in screen and says what happened.
  await expect(
    second.getByRole("alert").filter({ hasText: "this device's session was ended" }),
  ).toBeVisible();
  await expect(second.getByRole("heading", { name: "Have an account?" })).toBeVisible();
  await expect(second.getByLabel("Message")).toHaveCount(0);
  await expectNoSeriousViolations(second, "sign-in screen after a revoked session");
  // A reload does not sign in again by itself.
  await second.reload();
  await expect(second.getByRole("heading", { name: "Have an account?" })).toBeVisible();
  await expect(second.getByRole("status").filter({ hasText: "Online" })).toHaveCount(0);

  // Signing in again works, and the device that revoked it never noticed anything.
  await second.getByLabel("Account name").fill(name);
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await second.context().close();
});
