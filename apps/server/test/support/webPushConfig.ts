import { loadConfig } from "../../src/config.js";

/** The server's Web Push settings for tests: plain-HTTP push services on 127.0.0.1 admitted. */
export const testWebPush = {
  ...loadConfig({}).webPush,
  subject: "mailto:ops@duplex.invalid",
  allowInsecureEndpoints: true,
  ttlSeconds: 3600,
};
