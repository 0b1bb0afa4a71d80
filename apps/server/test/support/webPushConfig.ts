import { loadConfig } from "../../src/config.js";
import { api } from "../accountsHttp.js";
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
