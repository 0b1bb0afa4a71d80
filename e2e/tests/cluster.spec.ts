import { expect, test, type Browser, type Page } from "@playwright/test";
import { messageItem, sendMessage } from "../support/chat.js";
import { uniqueSuffix } from "../support/chatFeatures.js";
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

/** Open links (sockets and SSE streams) on node a and node b. */
async function linkCounts(c: E2eCluster): Promise<[number, number]> {
  return [await connectionsOn(c.nodes[0]), await connectionsOn(c.nodes[1])];
}

const onSse = (page: Page) => page.getByRole("status").filter({ hasText: "Online · SSE fallback" });

/**
 * Signs in through the upgrade-refusing, round-robin front. `node()` is the node holding the page's
 * current stream: a stream id starts with its node's id (base64url), and every POST names it.
 */
async function signInOverSse(
  browser: Browser,
  name: string,
): Promise<{ page: Page; node: () => string | undefined; forget: () => void }> {
  const page = await (await browser.newContext()).newPage();
  let node: string | undefined;
  page.on("request", (req) => {
    const id = /\/sse\/send\?stream=([\w-]+)\./.exec(req.url())?.[1];
    if (id !== undefined) node = Buffer.from(id, "base64url").toString("utf8");
  });
  await page.goto(cluster.sseFront);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join chat" }).click();
  await expect(onSse(page)).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => node).toMatch(/^node-[ab]$/);
  return {
    page,
    node: () => node,
    // Before a reload: the next POST names the new stream's node, not the old one's.
    forget: () => (node = undefined),
  };
}

test("over SSE + POST on two nodes without affinity, a user's stream node is SIGKILLed and the chat goes on, each message once", async ({
  browser,
}) => {
  test.slow(); // two browsers on the fallback, a node killed and restarted
  // Names of their own: a retry meets the first attempt's users in the same database.
  const id = uniqueSuffix();
  const [annName, benName] = [`Sse Ann ${id}`, `Sse Ben ${id}`];
  const ann = await signInOverSse(browser, annName);
  const ben = await signInOverSse(browser, benName);
  // Round-robin places a stream on either node: reload Ben (a new stream) until his lands on the
  // other one, so every message below crosses nodes (and every POST may land on either).
  for (let tries = 0; ben.node() === ann.node() && tries < 8; tries += 1) {
    // A reload makes the same requests each time, so round-robin could give every new stream the same
    // node: one request of our own moves it on by one.
    await fetch(`${cluster.sseFront}/healthz`);
    ben.forget();
    await ben.page.reload();
    await expect(onSse(ben.page)).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => ben.node()).toMatch(/^node-[ab]$/);
  }
  const annNodeId = ann.node();
  expect(ben.node()).not.toBe(annNodeId);
  const [annPage, benPage] = [ann.page, ben.page];
  const annNode = cluster.nodes.find((n) => `node-${n.id}` === annNodeId)!;

  // Presence and typing cross the nodes like the messages do.
  await expect(annPage.getByRole("list", { name: "Members" })).toContainText(benName);
  await expect(benPage.getByRole("list", { name: "Members" })).toContainText(annName);
  await annPage.getByLabel("Message").pressSequentially("one moment", { delay: 250 });
  await expect(benPage.getByText(`${annName} is typing…`)).toBeVisible();
  await annPage.getByLabel("Message").fill("");

  const stamp = Date.now();
  const texts: string[] = [];
  const say = async (page: Page, text: string) => {
    texts.push(text);
    await sendMessage(page, text);
  };
  await say(annPage, `ann1 over sse ${stamp}`);
  await say(benPage, `ben1 over sse ${stamp}`);
  for (const text of texts) {
    await expect(messageItem(annPage, text)).toHaveCount(1);
    await expect(messageItem(benPage, text)).toHaveCount(1);
  }

  try {
    annNode.kill();
    // Written while Ann has no stream: it reaches her when she resumes on the other node.
    await say(benPage, `ben2 while ann's node dies ${stamp}`);
    await say(annPage, `ann2 while her node is dead ${stamp}`);
    await expect(onSse(annPage)).toBeVisible({ timeout: 20_000 });
    // Her new stream is on the node that lives.
    await expect.poll(() => ann.node(), { timeout: 15_000 }).toBe(ben.node());
    await say(annPage, `ann3 after the failover ${stamp}`);
    await say(benPage, `ben3 after the failover ${stamp}`);
    for (const page of [annPage, benPage]) {
      for (const text of texts) {
        await expect(messageItem(page, text)).toHaveCount(1, { timeout: 10_000 });
      }
    }
    // Acked, not left pending: written while her node was dead, sent once she resumed.
    await expect(messageItem(annPage, `ann2 while her node is dead ${stamp}`)).toContainText(
      "Sent",
    );
    await expect(benPage.getByRole("list", { name: "Members" })).toContainText(annName);
  } finally {
    await annNode.restart();
  }
  // Both nodes back: a reload reads the history from Postgres, still once each.
  await annPage.reload();
  await expect(onSse(annPage)).toBeVisible({ timeout: 15_000 });
  for (const text of texts) await expect(messageItem(annPage, text)).toHaveCount(1);
  // Leave the cluster as the next test expects it: no links.
  await annPage.context().close();
  await benPage.context().close();
  await expect.poll(() => linkCounts(cluster), { timeout: 20_000 }).toEqual([0, 0]);
});

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
