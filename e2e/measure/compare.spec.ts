import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "../support/axe.js";
import { signIn } from "../support/chat.js";

// `pnpm build && pnpm --filter @duplex/e2e measure:compare`: the inspector's "Why WebSocket" panel,
// run in Chromium against the real server; prints its table (README figures) and saves screenshots
// (desktop and phone, English and 中文) to SHOTS_DIR (default /tmp/shots-compare).
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/shots-compare";

async function table(page: Page, caption: string): Promise<string[][]> {
  const rows = page.getByRole("table", { name: caption }).getByRole("row");
  const out: string[][] = [];
  for (const row of await rows.all()) {
    out.push((await row.locator("th, td").allInnerTexts()).map((c) => c.trim()));
  }
  return out;
}

const markdown = (rows: string[][]) =>
  rows
    .map((r, i) => `| ${r.join(" | ")} |${i === 0 ? `\n|${r.map(() => " --- |").join("")}` : ""}`)
    .join("\n");

test("the Why WebSocket panel: four transports side by side, and deflate frame by frame", async ({
  browser,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  const page = await signIn(browser, `Cmp${Date.now() % 100_000}`);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.getByRole("button", { name: "Inspector" }).click();
  const panel = page.getByRole("complementary", { name: "Protocol inspector" });
  const section = panel.getByRole("region", { name: "Why WebSocket, measured" });
  await section.getByRole("button", { name: "Run the comparison" }).click();
  await expect(section.getByRole("button", { name: "Cancel" })).toBeVisible();
  await expect(section.getByRole("status").first()).toHaveText(/Done/, { timeout: 120_000 });
  const compared = await table(page, "The four transports side by side (100 messages each way)");
  await section.getByRole("button", { name: "Run 20 messages with deflate" }).click();
  await expect(section.getByText(/^In all:/)).toBeVisible({ timeout: 30_000 });
  const totals = await section.getByText(/^In all:/).innerText();
  const frames = await table(page, "Frames through the deflate endpoint");
  const report = `${markdown(compared)}\n\nDeflate: ${totals}\n\n${markdown(frames)}\n`;
  writeFileSync(join(SHOTS, "compare.md"), report);
  console.log(report);

  await section.getByRole("heading", { name: "Why WebSocket, measured" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "desktop-en.png") });
  await expectNoSeriousViolations(page, "inspector with the comparison");
  await page.setViewportSize({ width: 390, height: 844 });
  await section.getByRole("table").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "phone-en.png") });
  await page.getByRole("banner").getByLabel("Language").selectOption("zh-CN");
  const zh = page.getByRole("region", { name: "为什么用 WebSocket：实测" });
  await expect(zh).toBeVisible();
  await zh.getByRole("table").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "phone-zh.png") });
  await expectNoSeriousViolations(page, "the comparison in 中文 on a phone");
  await page.setViewportSize({ width: 1400, height: 1000 });
  await zh.getByRole("heading", { name: "为什么用 WebSocket：实测" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "desktop-zh.png") });
});
