import { expect, test } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { PASSWORD, membersOf, ownerAndMember } from "../support/accounts.js";

test.slow(); // two browsers on a shared 2-core machine

test("a ban ends the banned user's open tab, and they cannot sign in again", async ({
  browser,
}) => {
  const { owner, name, member: victim, row } = await ownerAndMember(browser, "ban");

  await row.getByRole("button", { name: `Ban ${name}` }).click();
  const confirm = owner.getByRole("group", { name: `Ban ${name}` });
  await expect(confirm).toContainText("Ban " + name + " from this server?");
  await expectNoSeriousViolations(owner, "ban confirmation");
  await confirm.getByRole("button", { name: "Ban", exact: true }).click();

  // The banned tab leaves the chat for the sign-in screen and says why.
  await expect(
    victim.getByRole("alert").filter({ hasText: "your account has been banned" }),
  ).toBeVisible();
  await expect(victim.getByRole("heading", { name: "Have an account?" })).toBeVisible();
  await expect(victim.getByLabel("Message", { exact: true })).toHaveCount(0);

  // Signing in again is refused, with a clear message.
  await victim.getByLabel("Account name").fill(name);
  await victim.getByLabel("Password").fill(PASSWORD);
  await victim.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(
    victim.getByRole("alert").filter({ hasText: "This account is banned from this server." }),
  ).toBeVisible();
  await expect(victim.getByRole("status").filter({ hasText: "Online" })).toHaveCount(0);
  await expect(membersOf(owner)).not.toContainText(name);
  await owner.context().close();
  await victim.context().close();
});
