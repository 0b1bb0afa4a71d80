// Login cost and lockout behaviour on this machine: a real server on port 0 and a temp SQLite file,
// sequential requests over loopback. `pnpm --filter @duplex/server bench:login [count]`.
import { startServer } from "../src/index.js";
import { GOOD_PASSWORD, api } from "../test/accountsHttp.js";
import { pct, startBenchServer, summary } from "./benchServer.js";

const count = Number(process.argv[2] ?? 40);
const bench = await startBenchServer(startServer, "login-bench");
const { server } = bench;

async function timed(fn: () => Promise<{ status: number }>): Promise<[number, number]> {
  const started = performance.now();
  const { status } = await fn();
  return [performance.now() - started, status];
}

try {
  const reg = await timed(() =>
    api(server.httpUrl, "POST", "/api/auth/register", {
      body: { name: "bench", password: GOOD_PASSWORD },
    }),
  );
  console.log(`register: ${reg[0].toFixed(1)} ms (status ${reg[1]})`);
  const ok: number[] = [];
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < count; i++) {
    // Each from its own loopback address, so the lockout does not interfere with the timing.
    const from = `127.0.${1 + Math.floor(i / 200)}.${1 + (i % 200)}`;
    ok.push((await timed(() => loginAs("bench", GOOD_PASSWORD, from)))[0]);
    wrong.push((await timed(() => loginAs("bench", "wrong-password-0", from)))[0]);
    unknown.push((await timed(() => loginAs(`nobody${i}`, "wrong-password-0", from)))[0]);
  }
  console.log(summary("login, right password", ok));
  console.log(summary("login, wrong password (401)", wrong));
  console.log(summary("login, unknown name (401)", unknown));

  const statuses: string[] = [];
  let retryAfter = "";
  const lockedMs: number[] = [];
  for (let i = 1; i <= 7; i++) {
    const started = performance.now();
    const res = await api(server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "bench", password: i <= 5 ? "wrong-password-0" : GOOD_PASSWORD },
      from: "127.0.9.9",
    });
    if (res.status === 429) {
      lockedMs.push(performance.now() - started);
      retryAfter = res.headers["retry-after"] ?? "";
    }
    statuses.push(String(res.status));
  }
  const elsewhere = await loginAs("bench", GOOD_PASSWORD, "127.0.9.10");
  console.log(
    `lockout, one name from one address: attempts 1-5 wrong, 6-7 right -> ${statuses.join(", ")}; ` +
      `Retry-After ${retryAfter} s; a 429 costs ${pct(lockedMs, 50).toFixed(1)} ms (no hashing); ` +
      `the right password from another address meanwhile -> ${elsewhere.status}`,
  );
  const perAddress: number[] = [];
  for (let i = 0; i < 21; i++) {
    perAddress.push((await loginAs(`spray${i}`, "wrong-password-0", "127.0.9.11")).status);
  }
  const after = await loginAs("bench", GOOD_PASSWORD, "127.0.9.11");
  console.log(
    `lockout, one address over 21 names: first 429 at attempt ${perAddress.indexOf(429) + 1}; ` +
      `then even the right password for another name -> ${after.status}`,
  );
} finally {
  await bench.stop();
}

function loginAs(name: string, password: string, from: string) {
  return api(server.httpUrl, "POST", "/api/auth/login", { body: { name, password }, from });
}
