import { expect, test } from "@playwright/test";
import { messageItem, sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";

test("switch to 中文: the UI is translated, <html lang> follows, and a reload keeps it", async ({
  browser,
}) => {
  const name = `Lin-${uniqueSuffix()}`;
  const page = await signIn(browser, name);
  const banner = page.getByRole("banner");

  await banner.getByLabel("Language").selectOption("zh-CN");

  await expect(banner.getByRole("status")).toHaveText(/^在线/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const composer = page.getByLabel("消息", { exact: true });
  await expect(composer).toHaveAttribute("placeholder", "发消息到 #general");
  await expect(page.getByRole("log", { name: "#general 的对话" })).toBeVisible();

  // Sending still works in Chinese, and the delivery status is translated.
  const text = `你好 ${Date.now()}`;
  await composer.fill(text);
  await composer.press("Enter");
  await expect(messageItem(page, text)).toContainText("已发送");

  // The protocol inspector explains itself in Chinese too.
  await banner.getByRole("button", { name: "检查器" }).click();
  await expect(page.getByRole("heading", { name: "协议检查器" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "握手", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "关闭检查器" }).click();
  await expect(page.getByRole("heading", { name: "协议检查器" })).toBeHidden();

  await page.reload();
  await expect(banner.getByRole("status")).toHaveText(/^在线/);
  await expect(banner.getByLabel("语言")).toHaveValue("zh-CN");
  await expect(page.getByLabel("消息", { exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(messageItem(page, text)).toContainText("已发送");

  // Back to English: the exact texts the other specs rely on.
  await banner.getByLabel("语言").selectOption("en");
  await expect(banner.getByRole("status")).toHaveText(/^Online/);
  await sendMessage(page, `back in English ${Date.now()}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("a browser that prefers Chinese starts in 中文 before signing in", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");

  await expect(page.getByLabel("你的名字")).toBeVisible();
  await page.getByLabel("你的名字").fill(`Wang-${uniqueSuffix()}`);
  await page.getByRole("button", { name: "加入聊天" }).click();
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^在线/);
  await context.close();
});
