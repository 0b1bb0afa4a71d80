import type { ServerMessageOf } from "@duplex/protocol";
import { expect, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { api } from "../accountsHttp.js";
import type { TestClient } from "../helpers.js";
import { metricValue } from "./metrics.js";
import type { PushService } from "./pushService.js";

/** The server's Web Push settings for tests: plain-HTTP push services on 127.0.0.1 admitted. */
export const testWebPush = {
  ...loadConfig({}).webPush,
  subject: "mailto:ops@duplex.invalid",
  allowInsecureEndpoints: true,
  ttlSeconds: 3600,
};

/**
 * Subscribes a new browser of `service` to pushes for the account holding `token`, with the VAPID key
 * the server at `httpUrl` signs with. Returns the browser's `clientHash`, which reads what it got.
 */
export async function subscribeBrowser(
  service: PushService,
  httpUrl: string,
  token: string,
): Promise<string> {
  const publicKey = (await api(httpUrl, "GET", "/api/push/vapid")).json.publicKey as string;
  const { clientHash, ...subscription } = await service.subscribe(publicKey);
  await api(httpUrl, "POST", "/api/push/subscriptions", { token, body: subscription });
  return clientHash;
}

/**
 * Alice joins #general and mentions Bob while his tab reports itself visible: the tab gets the
 * notification and the node storing the mention (`storedAt`) counts the push suppressed. Then the tab
 * reports hidden. Returns Alice's mention of Bob (acked), for what is pushed from then on.
 */
export async function mentionWhileVisibleThenHide(
  alice: { client: TestClient },
  bobTab: { client: TestClient },
  storedAt: string,
  cid: string,
): Promise<(cid: string) => Promise<ServerMessageOf<"ack">>> {
  await alice.client.join("general");
  const mention = (cid: string) => alice.client.sendAndAck("general", `@Bob ${cid}`, cid);
  await mention(cid);
  await bobTab.client.waitFor("notification");
  await vi.waitFor(async () =>
    expect(await metricValue(storedAt, "duplex_web_push_suppressed_total")).toBe(1),
  );
  bobTab.client.send({ type: "visibility", visible: false });
  await bobTab.client.roundTrip();
  return mention;
}
