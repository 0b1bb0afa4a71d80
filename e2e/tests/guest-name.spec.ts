import { expect, test } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { signInAccount } from "../support/accounts.js";

test.slow(); // two browsers on a shared 2-core machine

test("a guest cannot become alice while an account holds the name: it gets a suffix", async ({
  browser,
}) => {
  // The account "alice", signed out (no tab open): the name is still hers.
  const alice = await signInAccount(browser, "alice");
  await alice.getByRole("button", { name: "Sign out" }).click();
  await expect(alice.getByRole("heading", { name: "Have an account?" })).toBeVisible();

  const guest = await signIn(browser, "alice");
  const whoami = guest.locator(".whoami");
  await expect(whoami).not.toHaveText(/alice$/);
  await expect(whoami).toContainText(/alice \d/);
  await alice.context().close();
  await guest.context().close();
});
