import { request } from "node:http";
import { expect, test } from "@playwright/test";
import { startBlockingProxy } from "../support/blockingProxy.js";
import { messageItem, sendMessage } from "../support/chat.js";
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
  const open = async (url: string, name: string) => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join chat" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible({
      timeout: 15_000,
    });
    return page;
  };
  const blocked = await open(proxy.url, "Blocked");
  const direct = await open(`http://127.0.0.1:${port}`, "Direct");
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
  await expectLoaded(direct, picture);
  await expectLoaded(blocked, picture);

  // Typing travels over the POSTs and the stream like any frame.
  await blocked.getByLabel("Message").pressSequentially("hold on a sec", { delay: 250 });
  await expect(direct.getByText("Blocked is typing…")).toBeVisible();
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
