import { expect, test } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { signInAccount, uniqueName } from "../support/accounts.js";

test.slow(); // two browsers on a shared 2-core machine

test("a guest cannot become alice while an account holds the name: it gets a suffix", async ({
  browser,
}) => {
  // An account "alice…", signed out (no tab open): the name is still hers. Unique per run: other
  // specs sign in guests as "Alice", and names compare case-insensitively.
  const name = uniqueName("alice");
  const alice = await signInAccount(browser, name);
  await alice.getByRole("button", { name: "Sign out" }).click();
  await expect(alice.getByRole("heading", { name: "Have an account?" })).toBeVisible();

  const guest = await signIn(browser, name);
  const whoami = guest.locator(".whoami");
  await expect(whoami).not.toHaveText(new RegExp(`${name}$`));
  await expect(whoami).toContainText(new RegExp(`${name} \\d`));
  await alice.context().close();
  await guest.context().close();
});
