import { expect, test, type Browser } from "@playwright/test";
import { sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

// Not a test: the protocol inspector and its "Why WebSocket" comparison on a desktop and a phone,
// in English and 中文, for a person to look at (and to hold against a build from before a change).
// `pnpm build && SHOTS_DIR=… pnpm --filter @duplex/e2e screenshots -- inspector`.
const dir = process.env.SHOTS_DIR ?? "/tmp/duplex-shots";

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

const WORDS = {
  en: {
    online: /^Online/,
    toggle: "Inspector",
    panel: "Protocol inspector",
    run: "Run the comparison",
  },
  zh: { online: /^在线/, toggle: "检查器", panel: "协议检查器", run: "开始对比" },
} as const;

async function shootInspector(
  browser: Browser,
  lang: keyof typeof WORDS,
  device: keyof typeof VIEWPORTS,
): Promise<void> {
  const words = WORDS[lang];
  const page = await signIn(browser, `Shot-${lang}-${device}-${uniqueSuffix()}`);
  await page.setViewportSize(VIEWPORTS[device]);
  // Sent before switching: the helper finds the composer by its English label.
  await sendMessage(page, lang === "zh" ? "检查器截图" : "inspector screenshot");
  if (lang === "zh") {
    await page.getByRole("banner").getByLabel("Language").selectOption("zh-CN");
  }
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(words.online);
  await page.getByRole("button", { name: words.toggle }).click();
  const panel = page.getByRole("complementary", { name: words.panel });
  await expect(panel.getByTestId("accept-check")).toBeVisible();
  const shot = (part: string) =>
    page.screenshot({ path: `${dir}/inspector-${device}-${lang}-${part}.png` });
  await shot("1-handshake");
  for (const [part, id] of [
    ["2-frames", "#inspector-frames"],
    ["3-cost", "#inspector-cost"],
    ["4-close", "#inspector-close"],
  ] as const) {
    await panel.locator(id).scrollIntoViewIfNeeded();
    await shot(part);
  }
  await panel.getByRole("button", { name: words.run }).click();
  await expect(panel.locator(".compare-table").first()).toBeVisible({ timeout: 90_000 });
  await panel.locator(".compare-table").first().scrollIntoViewIfNeeded();
  await shot("5-compare");
  await page.context().close();
}

for (const lang of ["en", "zh"] as const) {
  for (const device of ["desktop", "phone"] as const) {
    test(`inspector screenshots, ${device}, ${lang}`, async ({ browser }) => {
      test.setTimeout(180_000);
      await shootInspector(browser, lang, device);
    });
  }
}
