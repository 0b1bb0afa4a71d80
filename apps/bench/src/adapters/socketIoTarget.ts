import { fileURLToPath } from "node:url";
import { launchTarget } from "../targets/targetProcess.js";
import type { RawClient } from "../wire/rawClient.js";
import type { Target } from "./target.js";

const ENTRY = fileURLToPath(new URL("../targets/socketIoServer.ts", import.meta.url));
const PING = 0x32; // Engine.IO v4 packet types: "2" ping, "3" pong.
const PONG = "3";

function answerPing(client: RawClient, payload: Buffer): void {
  if (payload.length === 1 && payload[0] === PING) client.send(PONG);
}

/**
 * Socket.IO v4 spoken by hand over the raw client: Engine.IO open ("0{…}"), namespace connect ("40"),
 * events as `42["m",text]`. The room is a handshake query parameter, joined on connection.
 */
export const socketIoTarget: Target = {
  name: "socket.io",
  start: (nodeArgs = []) =>
    launchTarget({ entry: ENTRY, readiness: "stdout", env: { PORT: "0" }, nodeArgs }),
  connectPath: (room) => `/socket.io/?EIO=4&transport=websocket&room=${encodeURIComponent(room)}`,
  headers: {},
  ready: async (client) => {
    const opened = client.waitFor((text) => text.startsWith("0{"));
    const connected = client.waitFor((text) => text.startsWith("40"));
    await opened;
    client.send("40");
    await connected;
    client.onShortFrame = answerPing;
    client.ready();
  },
  sendPayload: (_room, text) => `42${JSON.stringify(["m", text])}`,
  maxSendRatePerClient: Number.POSITIVE_INFINITY,
};
