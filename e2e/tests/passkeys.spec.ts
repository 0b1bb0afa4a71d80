import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";

const PASSWORD = "violet-kettle-harbour-19";

// Two axe passes and two ceremonies on a machine shared by several test runs.
test.describe.configure({ timeout: 90_000 });

// WebAuthn refuses an IP address as the relying-party id: this spec uses localhost, not 127.0.0.1.
const origin = () => `http://localhost:${process.env.E2E_PORT ?? 8787}`;

/** A platform authenticator with user verification, as Chromium's DevTools protocol offers it. */
async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return { cdp, authenticatorId };
}

test("an account adds a passkey, signs out, and signs back in with it", async ({ page }) => {
  const name = `pk${Date.now().toString(36)}`;
  const { cdp, authenticatorId } = await addVirtualAuthenticator(page);
  await page.goto(`${origin()}/`);
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();

  await page.getByRole("button", { name: "Devices" }).click();
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await expect(passkeys.getByText("No passkeys yet.")).toBeVisible();
  await passkeys.getByLabel("Name for a new passkey (optional)").fill("Laptop");
  // Keyboard: Enter in the name field adds the passkey.
  await passkeys.getByLabel("Name for a new passkey (optional)").press("Enter");
  await expect(passkeys.getByText("Passkey added.")).toBeVisible();
  await expect(passkeys.getByRole("listitem").filter({ hasText: "Laptop" })).toBeVisible();
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);
  await expectNoSeriousViolations(page, "passkeys on the devices page");

  await page.getByRole("button", { name: "Back to chat" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("button", { name: "Sign in with a passkey" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in with a passkey button");

  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  await page.getByRole("button", { name: "Devices" }).click();
  // The sign-in was by the passkey: it now shows a last use, and a second session row exists.
  await expect(
    page
      .getByRole("region", { name: "Passkeys" })
      .getByRole("listitem")
      .filter({ hasText: "Laptop" }),
  ).not.toContainText("Never");
  const { credentials: after } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(after[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);
});

test("removing the passkey makes it useless for signing in", async ({ page }) => {
  const name = `pr${Date.now().toString(36)}`;
  await addVirtualAuthenticator(page);
  await page.goto(`${origin()}/`);
  await page.getByLabel("Account name").fill(name);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Devices" }).click();
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("listitem")).toHaveCount(1);
  await passkeys.getByRole("button", { name: "Remove passkey Passkey" }).click();
  await expect(passkeys.getByText("No passkeys yet.")).toBeVisible();

  await page.getByRole("button", { name: "Back to chat" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  // The authenticator still holds the key, but the server forgot it.
  await expect(page.getByRole("alert").filter({ hasText: "not recognised" })).toBeVisible();
});

test("the passkeys panel fits a phone screen", async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true });
  const page = await phone.newPage();
  await page.goto(`${origin()}/`);
  await page.getByLabel("Account name").fill(`pp${Date.now().toString(36)}`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Devices" }).click();
  await expect(page.getByRole("region", { name: "Passkeys" })).toBeVisible();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousViolations(page, "passkeys panel on a phone");
  await phone.close();
});
