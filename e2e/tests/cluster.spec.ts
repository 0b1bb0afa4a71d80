import { expect, test, type Browser, type Page } from "@playwright/test";
import { messageItem, sendMessage } from "../support/chat.js";
import {
  clusterMissing,
  connectionsOn,
  startE2eCluster,
  type E2eCluster,
} from "../support/cluster.js";

// Required, never skipped: `bash scripts/test-all.sh` installs PostgreSQL, redis-server and nginx.
const missing = clusterMissing();
if (missing !== undefined) {
  throw new Error(`cluster e2e: ${missing} missing (bash scripts/test-all.sh installs it)`);
}

let cluster: E2eCluster;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  cluster = await startE2eCluster();
});
test.afterAll(async () => cluster?.stop());

/** Signs in through nginx with a cookie that makes nginx prefer one node. */
async function signInOn(browser: Browser, node: "a" | "b", name: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies([{ name: "node", value: node, url: cluster.front }]);
  const page = await context.newPage();
  await page.goto(cluster.front);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join chat" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Online" })).toBeVisible();
  return page;
}

const pill = (page: Page) =>
  page.getByRole("status").filter({ hasText: /Online|Connecting|Reconnecting|Offline/ });

test("two users on different nodes keep chatting through nginx after one node is SIGKILLed, each message once", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const alice = await signInOn(browser, "a", "Alice");
  const bob = await signInOn(browser, "b", "Bob");
  const [nodeA, nodeB] = cluster.nodes;
  // Each node serves one of the two sockets: the chat below really crosses nodes.
  await expect.poll(() => connectionsOn(nodeA)).toBe(1);
  await expect.poll(() => connectionsOn(nodeB)).toBe(1);

  const stamp = Date.now();
  const texts: string[] = [];
  const say = async (page: Page, text: string) => {
    texts.push(text);
    await sendMessage(page, text);
  };
  await say(alice, `a1 from node a ${stamp}`);
  await say(bob, `b1 from node b ${stamp}`);
  for (const text of texts) {
    await expect(messageItem(alice, text)).toHaveCount(1);
    await expect(messageItem(bob, text)).toHaveCount(1);
  }

  nodeA.kill();
  await say(bob, `b2 while node a dies ${stamp}`);
  // Alice reconnects through nginx, which fails over to node b.
  await expect(pill(alice)).toContainText("Online", { timeout: 20_000 });
  await expect.poll(() => connectionsOn(nodeB), { timeout: 10_000 }).toBe(2);
  await say(alice, `a2 after the failover ${stamp}`);
  await say(bob, `b3 after the failover ${stamp}`);

  for (const page of [alice, bob]) {
    for (const text of texts) {
      await expect(messageItem(page, text)).toHaveCount(1, { timeout: 10_000 });
    }
  }
  // Still once each after a reload that reads the history from Postgres.
  await alice.reload();
  await expect(pill(alice)).toContainText("Online", { timeout: 10_000 });
  for (const text of texts) await expect(messageItem(alice, text)).toHaveCount(1);
});
