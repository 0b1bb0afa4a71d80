import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumLaunchOptions } from "../support/chromium.js";
import { expectNoSeriousViolations } from "../support/axe.js";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { enterRoom, roomButton } from "../support/chatFeatures.js";
import { bell } from "../support/push.js";

// The browser side of Web Push in Playwright's Chromium, with no outside push service: a push is
// handed to the service worker over CDP, and Chromium's own subscribe() (which needs Google's push
// service, unreachable here) is the refusal path the opt-in must explain.
const suffix = Date.now().toString(36).slice(-5);

test.slow();

/** The page's service worker registration, active, as CDP names it. */
async function workerRegistration(context: BrowserContext, page: Page) {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === scope && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send("ServiceWorker.enable");
  return { cdp, origin: new URL(scope).origin, registrationId: await registrationId };
}

interface Shown {
  title: string;
  body: string;
  tag: string;
  url: string;
}

async function shownNotifications(page: Page): Promise<Shown[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      url: (n.data as { url: string }).url,
    }));
  });
}

test("a push shows a notification grouped by room, and its URL opens the room at the message", async ({
  browser,
}) => {
  // Three page loads and two sign-ins on a machine shared with other runs.
  test.setTimeout(150_000);
  const annName = `Pia${suffix}`;
  const ann = await signIn(browser, annName);
  const ben = await signIn(browser, `Pol${suffix}`);
  await ann.context().grantPermissions(["notifications"]);

  // A real mention, so the app has the notification the push stands for (unread).
  const room = `push-${suffix}`;
  for (const page of [ann, ben]) {
    await enterRoom(page, room);
  }
  await sendMessage(ben, `@${annName} deploy is green`);
  const row = messageItem(ben, "deploy is green");
  await expect(row).toContainText("Sent");
  const messageId = await row.getAttribute("data-message-id");
  expect(messageId).toBeTruthy();
  await expect(bell(ann)).toHaveAccessibleName("Notifications, 1 unread");
  // Ann looks elsewhere: the mention is news when she comes back through the push.
  await roomButton(ann, "#general").click();

  const { cdp, origin, registrationId } = await workerRegistration(ann.context(), ann);
  const payload = (title: string, id: string) =>
    JSON.stringify({ title, body: "deploy is green", room, messageId, id, kind: "mention" });
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId,
    data: payload(`Pol${suffix} mentioned you`, "n-one"),
  });
  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId,
    data: payload(`Pol${suffix} mentioned you again`, "n-two"),
  });
  // One per room: the second replaced the first under the room's tag.
  await expect
    .poll(() => shownNotifications(ann))
    .toEqual([
      {
        title: `Pol${suffix} mentioned you again`,
        body: "deploy is green",
        tag: `room:${room}`,
        url: `/?room=${room}&message=${messageId}&notification=n-two`,
      },
    ]);

  // A click with no tab open opens the URL the worker built: the room, at the message, read.
  const [shown] = await shownNotifications(ann);
  await ann.close();
  const opened = await ann.context().newPage();
  await opened.goto(shown?.url ?? "/");
  // A fresh page connects, and the server replays the unread notification the push stands for.
  await expect(opened.getByRole("heading", { name: `#${room}` })).toBeVisible({ timeout: 20_000 });
  await expect(messageItem(opened, "deploy is green")).toHaveClass(/is-highlighted/, {
    timeout: 10_000,
  });
  await expect(bell(opened)).toHaveAccessibleName("Notifications");
  // The one-shot params are gone, so a reload does not open it again.
  expect(new URL(opened.url()).search).toBe("");
});

test("the opt-in asks only on click and says plainly when the browser's push service refuses", async ({
  browser,
}) => {
  const page = await signIn(browser, `Opt${suffix}`);
  await page.context().grantPermissions(["notifications"]);
  await page;
  await bell(page).click();
  const centre = page.getByRole("region", { name: "Notification centre" });
  await expect(centre.getByRole("status")).toContainText("Off on this device");
  await expectNoSeriousViolations(page, "notification centre with the push opt-in");

  const turnOn = centre.getByRole("button", { name: "Notify me on this device" });
  await turnOn.focus();
  await page.keyboard.press("Enter");
  await expect(centre.getByRole("status")).toContainText("push service refused the subscription", {
    timeout: 20_000,
  });
  // Still offered: the user may try again later (or in another browser).
  await expect(turnOn).toBeEnabled();
  await expectNoSeriousViolations(page, "push opt-in refused");
});

test("the app is installable: Chromium reports no installability errors", async ({ baseURL }) => {
  // Playwright's contexts are incognito, where Chromium never installs: a real profile instead.
  const profile = mkdtempSync(join(tmpdir(), "duplex-e2e-install-"));
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunchOptions,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/");
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, {
        timeout: 15_000,
      })
      .toEqual([]);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
