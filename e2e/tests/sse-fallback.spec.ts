import { request } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { startBlockingProxy } from "../support/blockingProxy.js";
import { joinAs, messageItem, sendMessage, signIn } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";
import { dropFile, expectLoaded, png } from "../support/uploads.js";

/** The HTTP status an upgrade request gets (fetch may not send `Upgrade`). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13" },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("upgrade", () => reject(new Error("the proxy let the upgrade through")));
    req.on("error", reject);
    req.end();
  });
}

const port = Number(process.env.E2E_PORT ?? 8787);
let proxy: Awaited<ReturnType<typeof startBlockingProxy>>;

test.beforeAll(async () => {
  proxy = await startBlockingProxy(port);
});
test.afterAll(async () => proxy.stop());

test("behind a proxy that refuses WebSocket, the app falls back to SSE + POST and chats", async ({
  browser,
}) => {
  test.slow(); // two browsers, a fallback timeout and an offline round
  const open = (url: string, name: string) => signIn(browser, name, { url, onlineTimeout: 15_000 });
  // Names of their own: a retry meets the first attempt's users on the same server.
  const id = uniqueSuffix();
  const blockedName = `Blocked-${id}`;
  const blocked = await open(proxy.url, blockedName);
  const direct = await open(`http://127.0.0.1:${port}`, `Direct-${id}`);
  // The status pill says which transport is live.
  const pill = (page: typeof blocked, text: string) =>
    page.getByRole("status").filter({ hasText: text });
  await expect(pill(blocked, "Online · SSE fallback")).toBeVisible();
  await expect(pill(direct, "Online · WebSocket")).toBeVisible();
  // The proxy really refuses the upgrade the page tried first.
  expect(await upgradeStatus(`${proxy.url}/ws`)).toBe(403);

  const out = `from behind the proxy ${Date.now()}`;
  await sendMessage(blocked, out);
  await expect(messageItem(blocked, out)).toContainText("Sent");
  await expect(messageItem(direct, out)).toHaveCount(1);

  const back = `pushed over the stream ${Date.now()}`;
  await sendMessage(direct, back);
  await expect(messageItem(blocked, back)).toHaveCount(1);

  // A file goes too: its chunks by POST, and the other user sees the thumbnail.
  const picture = `behind-${Date.now()}.png`;
  await dropFile(blocked, picture, "image/png", png(96, 64));
  await expectLoaded(direct, picture, 20_000);
  await expectLoaded(blocked, picture);

  // Typing travels over the POSTs and the stream like any frame.
  await blocked.getByLabel("Message").pressSequentially("hold on a sec", { delay: 250 });
  await expect(direct.getByText(`${blockedName} is typing…`)).toBeVisible();
  await blocked.getByLabel("Message").fill("");

  // The offline outbox: written while the network is gone, sent once when it is back.
  await blocked.context().setOffline(true);
  await expect(pill(blocked, "Offline")).toBeVisible();
  const queued = `written offline ${Date.now()}`;
  await sendMessage(blocked, queued);
  await expect(messageItem(blocked, queued)).toContainText("Sending…");
  await blocked.context().setOffline(false);
  await expect(messageItem(blocked, queued)).toContainText("Sent", { timeout: 20_000 });
  await expect(messageItem(direct, queued)).toHaveCount(1);
  await expect(pill(blocked, "Online · SSE fallback")).toBeVisible();
});

test("tabs of one browser share its connections on the fallback: the fifth says it waits, and goes online when one closes", async ({
  browser,
}) => {
  test.setTimeout(240_000); // five tabs, each through a fallback, on a shared 2-core machine
  // One context is one browser: its tabs share the six HTTP/1.1 connections to the proxy.
  const context = await browser.newContext();
  const onSse = (page: Page) =>
    page.getByRole("status").filter({ hasText: "Online · SSE fallback" });
  const first = await context.newPage();
  await first.goto(proxy.url);
  await joinAs(first, "Tabs", { online: onSse(first), onlineTimeout: 15_000 });
  // Three more tabs sign in with the stored session, each with its own stream (one at a time:
  // a tab's page load competes with the streams for the browser's connections).
  const tabs = [first];
  for (let i = 1; i < 4; i += 1) {
    const tab = await context.newPage();
    await tab.goto(proxy.url);
    await expect(onSse(tab)).toBeVisible({ timeout: 30_000 });
    tabs.push(tab);
  }
  const fifth = await context.newPage();
  await fifth.goto(proxy.url);
  await expect(fifth.getByRole("status").filter({ hasText: "Waiting" })).toHaveText(
    "Waiting for a free connection — 4 other tabs are on the SSE fallback; close one",
    { timeout: 15_000 },
  );
  // The four keep chatting: two connections are left for their POSTs.
  const [, second, third, fourth] = tabs as [Page, Page, Page, Page];
  const text = `from the second tab ${Date.now()}`;
  await sendMessage(second, text);
  await expect(messageItem(second, text)).toContainText("Sent");
  await expect(messageItem(fourth, text)).toHaveCount(1);

  // A closed tab frees its slot at once (the browser drops its locks): the fifth takes it.
  await first.close();
  await expect(onSse(fifth)).toBeVisible({ timeout: 15_000 });
  const later = `from the fifth tab ${Date.now()}`;
  await sendMessage(fifth, later);
  await expect(messageItem(fifth, later)).toContainText("Sent");
  await expect(messageItem(third, later)).toHaveCount(1);
  await expect(messageItem(fifth, text)).toHaveCount(1);
  await context.close();
});
