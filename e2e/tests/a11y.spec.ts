import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

const LANGUAGES = [
  {
    code: "en",
    name: "Your name",
    composer: "Message",
    join: "Join chat",
    online: "Online",
    inspector: "Inspector",
    close: "Close inspector",
    bell: /^Notifications/,
    centre: "Notification centre",
  },
  {
    code: "zh-CN",
    name: "你的名字",
    composer: "消息",
    join: "加入聊天",
    online: "在线",
    inspector: "检查器",
    close: "关闭检查器",
    bell: /^通知/,
    centre: "通知中心",
  },
] as const;

const VIEWPORTS = [
  { label: "desktop", width: 1280, height: 800 },
  { label: "phone", width: 390, height: 844 },
] as const;

/** A fresh browser context in the given UI language, on the sign-in screen. */
async function open(browser: Browser, locale: string, viewport: { width: number; height: number }) {
  // bypassCSP: axe injects its script into the page, which the app's strict CSP would refuse.
  const context = await browser.newContext({ bypassCSP: true, viewport });
  await context.addInitScript((code) => {
    if (localStorage.getItem("duplex-web.locale") === null)
      localStorage.setItem("duplex-web.locale", code);
  }, locale);
  const page = await context.newPage();
  await page.goto("/");
  return page;
}

async function signIn(page: Page, l: (typeof LANGUAGES)[number], name: string) {
  await page.getByLabel(l.name).fill(name);
  await page.getByRole("button", { name: l.join }).click();
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(new RegExp(`^${l.online}`));
}

for (const l of LANGUAGES) {
  for (const v of VIEWPORTS) {
    test(`axe: no serious violation on any screen (${l.code}, ${v.label})`, async ({ browser }) => {
      // Four full axe runs: slow on a busy machine.
      test.setTimeout(120_000);
      const page = await open(browser, l.code, v);
      await expect(page.getByLabel(l.name)).toBeVisible();
      await expectNoSeriousViolations(page, "sign-in");

      await signIn(page, l, `Axe-${uniqueSuffix()}`);
      const composer = page.getByLabel(l.composer, { exact: true });
      await composer.fill("hello 你好 👋");
      await composer.press("Enter");
      await expectNoSeriousViolations(page, "chat");

      await page.getByRole("banner").getByRole("button", { name: l.inspector }).click();
      await expect(page.getByRole("button", { name: l.close })).toBeVisible();
      await expectNoSeriousViolations(page, "inspector");
      await page.getByRole("button", { name: l.close }).click();

      await page.getByRole("banner").getByRole("button", { name: l.bell }).click();
      await expect(
        page
          .getByRole("dialog", { name: l.centre })
          .or(page.getByRole("region", { name: l.centre })),
      ).toBeVisible();
      await expectNoSeriousViolations(page, "notification centre");
    });
  }
}
