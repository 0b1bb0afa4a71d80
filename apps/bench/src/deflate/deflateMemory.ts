// `pnpm --filter @duplex/bench deflate-memory [--connections=1000] [--messages=3] [--room-size=10]`
// Server memory per connection with permessage-deflate off (the default) and on: the Duplex server
// built (`pnpm build`), in its own process; clients from `ws`, offering deflate as browsers do.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { duplexTargetWith } from "../adapters/duplexTarget.js";
import { processRssBytes } from "../measure/cpu.js";
import { settle, waitUntil } from "../scenarios/waitUntil.js";
import { chatText, connectDeflateClient, sendChat, type DeflateClient } from "./deflateClients.js";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "1000" },
    messages: { type: "string", default: "3" },
    "room-size": { type: "string", default: "10" },
    out: { type: "string", default: "results/deflate-memory.json" },
  },
});
const connections = Math.min(5_000, Number(values.connections));
const messages = Math.min(20, Number(values.messages));
const roomSize = Math.max(2, Number(values["room-size"]));
const BATCH = 50;

interface Result {
  deflate: boolean;
  connections: number;
  negotiated: number;
  rssBeforeBytes: number;
  rssIdleBytes: number;
  rssAfterMessagesBytes: number;
  idleBytesPerConnection: number;
  bytesPerConnection: number;
  delivered: number;
}

async function measure(deflate: boolean): Promise<Result> {
  const target = duplexTargetWith([], {
    PERMESSAGE_DEFLATE: String(deflate),
    DURABILITY: "process",
    HEADERS_TIMEOUT_MS: "60000",
    HELLO_TIMEOUT_MS: "60000",
  });
  const server = await target.start();
  const clients: DeflateClient[] = [];
  try {
    // A few clients first, so lazily loaded code and the first zlib allocations are not billed to N.
    const warm = await Promise.all(
      Array.from({ length: 10 }, (_, i) => connectDeflateClient(server.port, i, "warm")),
    );
    for (const c of warm) sendChat(c, "warm", chatText(0, 0));
    await settle(500);
    for (const c of warm) c.ws.close();
    await settle(1000);
    const rssBefore = processRssBytes(server.pid);
    for (let i = 0; i < connections; i += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, connections - i) }, (_, k) => {
        const seat = 100 + i + k;
        return connectDeflateClient(server.port, seat, `room${Math.floor((i + k) / roomSize)}`);
      });
      clients.push(...(await Promise.all(batch)));
    }
    await settle(1000);
    const rssIdle = processRssBytes(server.pid);
    for (let n = 0; n < messages; n++) {
      clients.forEach((c, i) => sendChat(c, `room${Math.floor(i / roomSize)}`, chatText(i, n)));
      await settle(200);
    }
    // Every other member of a room gets every message of the room (the sender may get its own too).
    const expected = connections * messages * (roomSize - 1);
    const total = () => clients.reduce((sum, c) => sum + c.messages, 0);
    await waitUntil(() => total() >= expected, 60_000, 50);
    await settle(1000);
    const rssAfter = processRssBytes(server.pid);
    return {
      deflate,
      connections: clients.length,
      negotiated: clients.filter((c) => c.compressed).length,
      rssBeforeBytes: rssBefore,
      rssIdleBytes: rssIdle,
      rssAfterMessagesBytes: rssAfter,
      idleBytesPerConnection: Math.round((rssIdle - rssBefore) / clients.length),
      bytesPerConnection: Math.round((rssAfter - rssBefore) / clients.length),
      delivered: total(),
    };
  } finally {
    for (const c of clients) c.ws.terminate();
    await server.stop();
  }
}

const results: Result[] = [];
for (const deflate of [false, true]) {
  process.stderr.write(
    `› permessage-deflate ${deflate ? "on" : "off"}: ${connections} connections\n`,
  );
  results.push(await measure(deflate));
}
const kib = (b: number) => (b / 1024).toFixed(1);
console.log(
  "| permessage-deflate | connections (negotiated) | idle KiB/conn | after messages KiB/conn | RSS after (MiB) |",
);
console.log("|---|---|---|---|---|");
for (const r of results) {
  console.log(
    `| ${r.deflate ? "on" : "off"} | ${r.connections} (${r.negotiated}) | ${kib(r.idleBytesPerConnection)} | ${kib(r.bytesPerConnection)} | ${(r.rssAfterMessagesBytes / 2 ** 20).toFixed(0)} |`,
  );
}
writeFileSync(
  values.out,
  `${JSON.stringify({ at: new Date().toISOString(), messages, roomSize, results }, null, 2)}\n`,
);
