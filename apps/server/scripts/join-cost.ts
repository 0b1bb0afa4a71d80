// What one returning member's `hello` and `join` of a big room cost the server: SQLite statements
// (counted by SQL text) and CPU per seat, over a real server on port 0 and a temp SQLite file, with
// the bench's f clients (`presence_diff` + `member_pages`, a token from an earlier pass).
// `pnpm --filter @duplex/server bench:join-cost [members] [other build's dist dir]`; run under the
// bench lock. CPU is the whole process's (server and clients): compare builds in one session, ABAB.
import { Capability, SUBPROTOCOL, encode } from "@duplex/protocol";
import { WebSocket } from "ws";
import type { LIMITS_OFF as LimitsOff } from "../src/limits/limitsConfig.js";
import type { startServer as StartServer } from "../src/index.js";
import { startBenchServer } from "./benchServer.js";
import { countStatements } from "./statementCounter.js";

const members = Number(process.argv[2] ?? 500);
// Another build's `dist` (e.g. a copy made before a change) instead of this checkout's sources.
const build = process.argv[3];
const { startServer } = (await import(build ? `${build}/index.js` : "../src/index.js")) as {
  startServer: typeof StartServer;
};
const { LIMITS_OFF } = (await import(
  build ? `${build}/limits/limitsConfig.js` : "../src/limits/limitsConfig.js"
)) as { LIMITS_OFF: typeof LimitsOff };
const CAPS = [Capability.PresenceDiff, Capability.MemberPages];

const statements = countStatements();
const { counts } = statements;

const bench = await startBenchServer(startServer, "join-cost", {
  durability: "process",
  limits: LIMITS_OFF,
});
const { server } = bench;

/** One seat: connects, says hello (with its token if it has one), joins, and resolves on `joined`. */
function seat(
  index: number,
  room: string,
  token?: string,
): Promise<{ ws: WebSocket; token: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.url, [SUBPROTOCOL]);
    let issued = "";
    ws.on("error", reject);
    ws.on("open", () => {
      ws.send(
        encode({ type: "hello", name: `bench${index}`, caps: CAPS, ...(token && { token }) }),
      );
    });
    ws.on("message", (data) => {
      const text = String(data);
      if (text.includes('"type":"error"')) reject(new Error(text));
      if (text.includes('"type":"welcome"')) {
        issued = (JSON.parse(text) as { token: string }).token;
        ws.send(encode({ type: "join", room }));
      }
      if (text.includes('"type":"joined"')) resolve({ ws, token: issued });
    });
  });
}

try {
  const tokens: string[] = [];
  for (let i = 0; i < members; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, members - i) }, (_, k) =>
        seat(i + k, `prep${Math.floor((i + k) / 10)}`),
      ),
    );
    for (const s of batch) {
      tokens.push(s.token);
      s.ws.close();
    }
  }
  await new Promise((r) => setTimeout(r, 1_000));
  statements.start();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const seats = await Promise.all(tokens.map((token, i) => seat(i, "general", token)));
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  statements.stop();
  for (const s of seats) s.ws.close();
  const total = [...counts.values()].reduce((a, b) => a + b.calls, 0);
  const totalNs = [...counts.values()].reduce((a, b) => a + b.ns, 0n);
  console.log(
    `${members} returning members joined one room in ${elapsed.toFixed(0)} ms; ` +
      `${(total / members).toFixed(2)} SQLite statements per seat ` +
      `(${(Number(totalNs) / 1e3 / members).toFixed(0)} µs); ` +
      `process CPU (server and clients) ${((used.user + used.system) / members).toFixed(0)} µs per seat`,
  );
  console.log("per seat: statements, µs in them, SQL");
  for (const [sql, { calls, ns }] of [...counts].sort((a, b) => Number(b[1].ns - a[1].ns))) {
    const us = Number(ns) / 1e3 / members;
    console.log(`${(calls / members).toFixed(2).padStart(6)} ${us.toFixed(1).padStart(7)}  ${sql}`);
  }
} finally {
  await bench.stop();
}
