// What one persisted chat `send` costs the server, counted rather than timed: SQLite statements per
// send (by SQL text, BEGIN/COMMIT included), over a real server on port 0 and a temp SQLite file, with
// scenario b's shape (clients in rooms of ten, each sending in turn). Counts do not depend on how busy
// the machine is; the CPU line does (server and clients share the process).
// `pnpm --filter @duplex/server bench:send-cost [clients] [sends per client]`
import { SUBPROTOCOL, encode } from "@duplex/protocol";
import { WebSocket } from "ws";
import { LIMITS_OFF } from "../src/limits/limitsConfig.js";
import { startServer } from "../src/index.js";
import { startBenchServer } from "./benchServer.js";
import { countStatements } from "./statementCounter.js";

const clients = Number(process.argv[2] ?? 200);
const perClient = Number(process.argv[3] ?? 20);

const statements = countStatements();

const bench = await startBenchServer(startServer, "send-cost", { limits: LIMITS_OFF });

interface Seat {
  ws: WebSocket;
  room: string;
  acked: (cid: string) => Promise<void>;
}

function seat(index: number): Promise<Seat> {
  const room = `room${Math.floor(index / 10)}`;
  const waiting = new Map<string, () => void>();
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(bench.server.url, [SUBPROTOCOL]);
    ws.on("error", reject);
    ws.on("open", () => ws.send(encode({ type: "hello", name: `sender${index}` })));
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { type: string; cid?: string; message?: string };
      if (frame.type === "error") reject(new Error(frame.message));
      if (frame.type === "welcome") ws.send(encode({ type: "join", room }));
      if (frame.type === "joined") {
        resolve({
          ws,
          room,
          acked: (cid) => new Promise<void>((done) => waiting.set(cid, done)),
        });
      }
      if (frame.type === "ack" && frame.cid !== undefined) waiting.get(frame.cid)?.();
    });
  });
}

try {
  const seats = await Promise.all(Array.from({ length: clients }, (_, i) => seat(i)));
  statements.start();
  const cpu = process.cpuUsage();
  for (let round = 0; round < perClient; round++) {
    // Every client sends one message per round, all at once (as b's paced senders overlap).
    await Promise.all(
      seats.map((s, i) => {
        const cid = `c${round}-${i}`;
        const acked = s.acked(cid);
        // Scenario b's text: a stamp with an `@`, padded to 100 characters.
        const text = `@${String(Date.now()).padStart(16, "0")}@`.padEnd(100, "x");
        s.ws.send(encode({ type: "send", room: s.room, cid, text }));
        return acked;
      }),
    );
  }
  const used = process.cpuUsage(cpu);
  statements.stop();
  for (const s of seats) s.ws.close();
  const sends = clients * perClient;
  const total = [...statements.counts.values()].reduce((a, b) => a + b.calls, 0);
  console.log(
    `${sends} sends from ${clients} clients in rooms of ten: ${(total / sends).toFixed(2)} SQLite ` +
      `statements per send; process CPU (server and clients) ` +
      `${((used.user + used.system) / sends).toFixed(0)} µs per send`,
  );
  console.log("per send: statements, SQL");
  for (const [sql, { calls }] of [...statements.counts].sort((a, b) => b[1].calls - a[1].calls)) {
    console.log(`${(calls / sends).toFixed(3).padStart(7)}  ${sql}`);
  }
} finally {
  await bench.stop();
}
