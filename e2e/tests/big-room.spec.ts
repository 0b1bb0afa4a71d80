import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../support/chat.js";
import { joinRoom, uniqueSuffix } from "../support/chatFeatures.js";
import { expectNoSeriousViolations } from "../support/axe.js";

/** More members than one page (`joined` carries at most 100), few enough for a quick run. */
const CROWD = 120;

/**
 * Fills `room` with `count` raw sockets, each its own guest named `prefix-N`, from a helper page
 * (the browser's WebSocket, same origin). Resolves once every socket has joined; they stay open
 * until the page closes.
 */
async function fillRoom(page: Page, room: string, prefix: string, count: number): Promise<void> {
  await page.evaluate(
    async ({ room, prefix, count }) => {
      const one = (n: number) =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/ws`, "duplex.v1");
          const timer = setTimeout(() => reject(new Error(`member ${n} did not join`)), 15_000);
          ws.onopen = () => ws.send(JSON.stringify({ type: "hello", name: `${prefix}-${n}` }));
          ws.onmessage = (event) => {
            const message = JSON.parse(String(event.data)) as { type: string; code?: string };
            if (message.type === "error") reject(new Error(`member ${n}: ${message.code}`));
            if (message.type === "welcome") ws.send(JSON.stringify({ type: "join", room }));
            if (message.type === "joined") {
              clearTimeout(timer);
              resolve();
            }
          };
        });
      // In batches: a bounded burst, not 120 handshakes at once.
      for (let start = 0; start < count; start += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, count - start) }, (_, i) => one(start + i)),
        );
      }
    },
    { room, prefix, count },
  );
}

test("a room bigger than one page shows its count, pages its members and searches them", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const id = uniqueSuffix();
  const room = `crowd-${id}`;
  const prefix = `Crowd${id}`;
  const helper = await (await browser.newContext()).newPage();
  await helper.goto("/");
  await fillRoom(helper, room, prefix, CROWD);

  const alice = await signIn(browser, `Alice-${id}`);
  await joinRoom(alice, room);
  const total = CROWD + 1;
  await expect(alice.getByText(`${total} online`, { exact: true })).toBeVisible();
  await expect(alice.getByRole("heading", { name: `Online — ${total}` })).toBeVisible();

  // The join carried one page; "Show more" pages in the rest.
  const list = alice.getByRole("list", { name: "Members" });
  const shown = await list.getByRole("listitem").count();
  expect(shown).toBeLessThanOrEqual(100);
  const more = alice.getByRole("button", { name: "Show more" });
  // Pages are in id order and may repeat members the join carried, so it may take two; scrolling the
  // button into view may itself page in the rest (the panel pages near its end).
  await expect(async () => {
    if (await more.isVisible()) await more.click({ timeout: 1000 });
    await expect(list.getByRole("listitem")).toHaveCount(total, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(list.getByRole("listitem")).toHaveCount(total);
  await expect(alice.getByRole("button", { name: "Show more" })).toHaveCount(0);

  // The search asks the server: one member matches exactly this name's tail.
  await alice.getByRole("searchbox", { name: "Search members" }).fill(`${prefix}-117`);
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText(`${prefix}-117`);
  await expectNoSeriousViolations(alice, "member panel of a big room");

  // Members leaving: the count follows.
  await helper.close();
  await expect(alice.getByText("1 online", { exact: true })).toBeVisible({ timeout: 15_000 });
});
