import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { CloseCode, ECHO_PATH, LIMITS } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { WebSocket, type RawData } from "ws";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

function echoUrl(serverUrl: string): string {
  return serverUrl.replace(/\/ws$/, ECHO_PATH);
}

/** A plain ws client (no subprotocol, as in every tutorial) collecting what comes back. */
async function connect(
  url: string,
  protocols: string[] = [],
  headers: Record<string, string> = {},
) {
  const ws = new WebSocket(url, protocols, { headers });
  ws.on("error", () => {});
  const replies: Array<{ data: RawData; isBinary: boolean }> = [];
  ws.on("message", (data, isBinary) => replies.push({ data, isBinary }));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, replies, closed };
}

describe("the /echo endpoint", () => {
  it("answers text with 'You sent: <message>', without a subprotocol", async () => {
    await using world = await testWorld();
    const { ws, replies } = await connect(echoUrl(world.server.url), [], {
      origin: world.server.httpUrl,
    });
    ws.send("Hello, server!");
    ws.send("héllo 👋");
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies.map((r) => [r.isBinary, String(r.data)])).toEqual([
      [false, "You sent: Hello, server!"],
      [false, "You sent: héllo 👋"],
    ]);
    ws.close();
  });

  it("returns binary frames byte for byte", async () => {
    await using world = await testWorld();
    const { ws, replies } = await connect(echoUrl(world.server.url));
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    ws.send(bytes, { binary: true });
    await vi.waitFor(() => expect(replies).toHaveLength(1));
    expect(replies[0]?.isBinary).toBe(true);
    expect(Buffer.compare(replies[0]?.data as Buffer, bytes)).toBe(0);
    ws.close();
  });

  it("closes a frame over the limit with 1009 and keeps serving", async () => {
    await using world = await testWorld();
    const big = await connect(echoUrl(world.server.url));
    big.ws.send("x".repeat(LIMITS.maxFrameBytes + 1));
    expect(await big.closed).toBe(CloseCode.MessageTooBig);
    const { ws, replies } = await connect(echoUrl(world.server.url));
    ws.send("still here");
    await vi.waitFor(() => expect(replies).toHaveLength(1));
    ws.close();
  });

  it("closes echo sockets with 1001 when the server shuts down", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path });
    const { closed } = await connect(echoUrl(server.url));
    await server.close();
    expect(await closed).toBe(CloseCode.GoingAway);
  });
});

function runEcho(args: string[], stdin?: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=duplex-source", "src/bin/echo.ts", ...args],
    { cwd: packageDir, stdio: "pipe" },
  );
  let stdout = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  if (stdin !== undefined) child.stdin.end(stdin);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout };
}

describe("the echo CLI (src/bin/echo.ts)", () => {
  it.each([
    {
      title: "sends its argument, prints the reply and the close code 1000",
      args: (url: string) => ["--url", url, "Hello, server!"],
      stdin: undefined,
      printed: "You sent: Hello, server!\nclosed: 1000 (bye)\n",
    },
    {
      title: "interactive: sends each stdin line and closes with 1000 at end of input",
      args: (url: string) => [`--url=${url}`],
      stdin: "one\ntwo\n",
      printed: "You sent: one\nYou sent: two\nclosed: 1000 (bye)\n",
    },
  ])("$title", async ({ args, stdin, printed }) => {
    await using world = await testWorld();
    const run = runEcho(args(echoUrl(world.server.url)), stdin);
    try {
      expect(await run.exited).toBe(0);
      expect(run.stdout()).toBe(printed);
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("interactive: prints the server's close code when the server goes away", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path });
    const run = runEcho([`--url=${echoUrl(server.url)}`]); // stdin stays open
    try {
      run.child.stdin.write("ping\n");
      await vi.waitFor(() => expect(run.stdout()).toContain("You sent: ping"), { timeout: 15_000 });
      await server.close();
      expect(await run.exited).toBe(0);
      expect(run.stdout()).toMatch(/closed: 1001/);
    } finally {
      run.child.kill("SIGKILL");
    }
  });
});
