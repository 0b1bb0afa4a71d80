import { fileURLToPath } from "node:url";
import { launchTarget } from "../targets/targetProcess.js";
import type { Target } from "./target.js";

const ENTRY = fileURLToPath(new URL("../targets/rawWsServer.ts", import.meta.url));

/** The raw `ws` broadcast server: the room comes from the URL, the payload is the bare text. */
export const rawWsTarget: Target = {
  name: "ws",
  start: (nodeArgs = []) =>
    launchTarget({ entry: ENTRY, readiness: "stdout", env: { PORT: "0" }, nodeArgs }),
  connectPath: (room) => `/?room=${encodeURIComponent(room)}`,
  headers: {},
  ready: (client) => {
    client.ready();
    return Promise.resolve();
  },
  sendPayload: (_room, text) => text,
  maxSendRatePerClient: Number.POSITIVE_INFINITY,
};
