import { CloseCode, ECHO_PATH } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { loadConfig } from "../src/config.js";
import { DEFAULT_ECHO } from "../src/echo/echoConfig.js";
import { DEFAULT_ABUSE_LIMITS } from "../src/limits/limitsConfig.js";
import { refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { Bystander, RssSampler, mib, rawSocket } from "./support/attack.js";
import { limitsWith } from "./support/limits.js";

const FRAME = "x".repeat(60 * 1000);
/** Upload at most this much, or for this long, whichever comes first: the test is bounded. */
const MAX_UPLOAD_BYTES = 400 * 1024 * 1024;
const MAX_UPLOAD_MS = 20_000;
/** The server may hold one socket's bound (4 MiB) plus kernel and allocator slack, not the upload. */
const RSS_BOUND = 96 * 1024 * 1024;

const echoUrl = (url: string) => url.replace(/\/ws$/, ECHO_PATH);

function open(url: string, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const ws = new WebSocket(url, [], options);
  ws.on("error", () => {});
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, closed, opened };
}

/**
 * A raw client that never reads and uploads 60 KB frames as fast as its own socket takes them,
 * until the server closes it or the bound is reached. Returns the bytes it got onto the wire.
 */
async function nonReadingUploader(url: string): Promise<{ uploaded: number; code: number }> {
  const { ws, closed, opened } = open(url);
  await opened;
  rawSocket(ws).pause();
  let uploaded = 0;
  const started = performance.now();
  // Not reading, it learns of the server's close only when its writes fail (the socket was cut off).
  while (
    ws.readyState === WebSocket.OPEN &&
    uploaded < MAX_UPLOAD_BYTES &&
    performance.now() - started < MAX_UPLOAD_MS
  ) {
    // The send callback fires once the frame left this process: the uploader holds one frame at most.
    await new Promise<void>((resolve) => ws.send(FRAME, () => resolve()));
    uploaded += FRAME.length;
  }
  rawSocket(ws).resume();
  if (ws.readyState === WebSocket.OPEN) ws.terminate(); // the bound was reached: the server held on
  return { uploaded, code: await closed };
}

describe("/echo under a client that stops reading", () => {
  for (const [label, limits] of [
    ["default limits", DEFAULT_ABUSE_LIMITS],
    ["rate limits off: the outbound bound alone", limitsWith({ rate: { framesPerSecond: 0 } })],
  ] as const) {
    it(`closes it and keeps RSS bounded while a /ws user keeps working (${label})`, async () => {
      await using world = await testWorld({ config: { limits } });
      using bystander = await Bystander.start(world.server.url);
      using rss = new RssSampler();
      const { uploaded, code } = await nonReadingUploader(echoUrl(world.server.url));
      rss.stop();
      await bystander.stop();
      console.log(
        `[echo bound, ${label}] uploaded ${mib(uploaded)} before the server closed the ` +
          `socket (${code}); RSS ${mib(rss.start)} → peak ${mib(rss.peak)} ` +
          `(+${mib(rss.peakGrowth)}); bystander ping p99 ${bystander.p99.toFixed(1)} ms ` +
          `(n=${bystander.latencies.length})`,
      );
      expect(uploaded).toBeLessThan(MAX_UPLOAD_BYTES);
      expect(rss.peakGrowth).toBeLessThan(RSS_BOUND);
    }, 60_000);
  }
});

describe("/echo's own budget, Origin check and idle timeout", () => {
  it("refuses a foreign Origin with 403 and accepts the app's own and none", async () => {
    await using world = await testWorld();
    const refused = await refusedUpgrade(echoUrl(world.server.url), [], {
      origin: "http://evil.example",
    });
    expect(refused.status).toBe(403);
    const own = open(echoUrl(world.server.url), { headers: { origin: world.server.httpUrl } });
    await own.opened;
    own.ws.terminate();
  });

  it("counts echo sockets apart from /ws: an address full of echo sockets still opens /ws", async () => {
    await using world = await testWorld({
      config: { limits: limitsWith({ connections: { maxPerIp: 3 } }) },
    });
    const localAddress = "127.0.0.2";
    const echoes = [];
    for (let i = 0; i < DEFAULT_ECHO.maxPerIp; i += 1) {
      const socket = open(echoUrl(world.server.url), { localAddress });
      await socket.opened;
      echoes.push(socket);
    }
    const full = await refusedUpgrade(echoUrl(world.server.url), [], {}, { localAddress });
    expect(full.status).toBe(429); // this address is at its echo budget
    const other = open(echoUrl(world.server.url), { localAddress: "127.0.0.3" });
    await other.opened; // another address is not affected
    other.ws.terminate();
    // The victim's chat from the same address: all three of its /ws sockets open and work.
    const tabs = [];
    for (let i = 0; i < 3; i += 1) {
      const { client } = await world.hello({}, { localAddress });
      tabs.push(client);
    }
    await Promise.all(tabs.map((t) => t.roundTrip()));
    for (const t of [...tabs]) t.close();
    for (const e of echoes) e.ws.terminate();
  });

  it("closes an echo socket that stays silent past the idle timeout with 1000", async () => {
    await using world = await testWorld({
      config: { echo: { ...DEFAULT_ECHO, enabled: true, idleMs: 300 } },
    });
    const idle = open(echoUrl(world.server.url));
    await idle.opened;
    expect(await idle.closed).toBe(CloseCode.Normal);
  });

  it("is off by default with NODE_ENV=production (404) and ECHO=on turns it on", async () => {
    const production = { NODE_ENV: "production", TOKEN_SECRET: "s".repeat(32) };
    expect(loadConfig(production).echo.enabled).toBe(false);
    expect(loadConfig({ ...production, ECHO: "on" }).echo.enabled).toBe(true);
    expect(loadConfig({}).echo.enabled).toBe(true);
    await using world = await testWorld({ config: { echo: loadConfig(production).echo } });
    expect((await refusedUpgrade(echoUrl(world.server.url), [])).status).toBe(404);
  });
});
