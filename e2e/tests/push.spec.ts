import { expect, test } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";
import { bell, pushNotification, toast } from "../support/push.js";

// The e2e database is shared by every spec in a run: names unique to this run.
const suffix = Date.now().toString(36).slice(-5);

test("a mention and a pushed announcement reach the right users as toasts and a badge", async ({
  browser,
  baseURL,
}) => {
  test.slow(); // two browsers and a push round: 8 s here, 28 s of 30 on a loaded CI machine
  const annName = `Ann${suffix}`;
  const ann = await signIn(browser, annName);
  const ben = await signIn(browser, `Ben${suffix}`);

  await sendMessage(ben, `@${annName} look at this`);
  await expect(toast(ann, `Ben${suffix} mentioned you in #general`)).toBeVisible();
  await expect(bell(ann)).toHaveAccessibleName("Notifications, 1 unread");
  // The author is not notified of their own mention.
  await expect(bell(ben)).toHaveAccessibleName("Notifications");

  const title = `Deploy ${suffix} finished`;
  const pushed = await pushNotification(baseURL ?? "", { to: "all", title, level: "success" });
  expect(pushed.recipients).toBeGreaterThanOrEqual(2);
  for (const page of [ann, ben]) await expect(toast(page, title)).toBeVisible();
  await expect(bell(ann)).toHaveAccessibleName("Notifications, 2 unread");
  await expect(bell(ben)).toHaveAccessibleName("Notifications, 1 unread");

  // The centre lists both, newest first; opening the mention marks it read.
  await bell(ann).click();
  const centre = ann.getByRole("region", { name: "Notification centre" });
  const items = centre.getByRole("list", { name: "Notifications" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(title);
  await centre
    .getByRole("button", { name: `Ben${suffix} mentioned you in #general`, exact: true })
    .click();
  await expect(bell(ann)).toHaveAccessibleName("Notifications, 1 unread");
  await expect(
    ann.getByRole("log").getByRole("listitem").filter({ hasText: "look at this" }),
  ).toHaveClass(/is-highlighted/);
});

test("the server stats chart updates at least twice within three seconds", async ({ browser }) => {
  const page = await signIn(browser, `Stats${suffix}`);
  await page.getByRole("button", { name: "Server stats" }).click();
  const panel = page.getByRole("region", { name: "Server stats" });
  const samples = panel.getByTestId("stats-samples");
  await expect(samples).not.toHaveText("0");

  const started = Date.now();
  const first = Number(await samples.textContent());
  await expect
    .poll(async () => Number(await samples.textContent()), { timeout: 3_000 })
    .toBeGreaterThanOrEqual(first + 2);
  expect(Date.now() - started).toBeLessThan(3_000);
  await expect(panel.locator("svg path").first()).toHaveAttribute("d", /^M.* L/);
  await expect(panel.getByText("Connected clients")).toBeVisible();
});
