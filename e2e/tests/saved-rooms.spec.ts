import { expect, test } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { enterRoom, roomButton, uniqueSuffix } from "../support/chatFeatures.js";

test.slow(); // two browsers and reloads on a shared 2-core machine: 16–21 s alone, over 30 s under load

test("joined rooms and the open room come back after a reload and in another browser", async ({
  browser,
}) => {
  const id = uniqueSuffix();
  const [ops, design] = [`ops-${id}`, `design-${id}`];
  const page = await signIn(browser, `Dana-${id}`);
  await enterRoom(page, ops);
  await enterRoom(page, design);
  await roomButton(page, `#${ops}`).click();
  await expect(page.getByRole("heading", { name: `#${ops}` })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { name: `#${ops}` })).toBeVisible();
  await expect(roomButton(page, `#${design}`)).toBeVisible();
  await expect(roomButton(page, "#general")).toBeVisible();

  // Another browser: nothing of the first one's storage but the session (the user's identity).
  const storage = await page.evaluate(() => ({ ...localStorage }));
  const other = await browser.newContext();
  await other.addInitScript(
    (kept) => {
      if (sessionStorage.getItem("seeded") !== null) return;
      sessionStorage.setItem("seeded", "1");
      for (const [key, value] of Object.entries(kept)) localStorage.setItem(key, value);
    },
    Object.fromEntries(Object.entries(storage).filter(([k]) => /(:token|\.name)$/.test(k))),
  );
  const second = await other.newPage();
  await second.goto("/");
  await expect(second.getByRole("heading", { name: `#${ops}` })).toBeVisible();
  await expect(roomButton(second, `#${design}`)).toBeVisible();

  // Leaving is remembered too.
  await roomButton(second, `#${design}`).hover();
  await second.getByRole("button", { name: `Leave #${design}` }).click();
  await expect(roomButton(second, `#${design}`)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: `#${ops}` })).toBeVisible();
  await expect(roomButton(page, `#${design}`)).toHaveCount(0);
  await other.close();
});

test("a user who left #general does not find it back after a reload", async ({ browser }) => {
  const id = uniqueSuffix();
  const ops = `ops-${id}`;
  const page = await signIn(browser, `Lee-${id}`);
  await enterRoom(page, ops);
  await roomButton(page, "#general").hover();
  await page.getByRole("button", { name: "Leave #general" }).click();
  await expect(roomButton(page, "#general")).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("heading", { name: `#${ops}` })).toBeVisible();
  await expect(roomButton(page, `#${ops}`)).toBeVisible();
  await expect(roomButton(page, "#general")).toHaveCount(0);
});
