// Passkey sign-in against password sign-in on this machine: a real server on port 0, a temp SQLite
// file, sequential requests over loopback, a software authenticator (real ES256 signatures).
// `pnpm --filter @duplex/server bench:passkey-login [count]` (default 40 of each).
import { startServer } from "../src/index.js";
import { api, registerAccount, GOOD_PASSWORD } from "../test/accountsHttp.js";
import { addPasskey, passkeyLogin } from "../test/support/passkeyHttp.js";
import { SoftAuthenticator } from "../test/support/softAuthenticator.js";
import { startBenchServer, summary } from "./benchServer.js";

const count = Math.min(500, Number(process.argv[2] ?? 40));
const rp = { rpId: "localhost", origin: "http://localhost:5173" };
const bench = await startBenchServer(startServer, "passkey-bench", { passkeys: rp });
const { server } = bench;

try {
  const account = await registerAccount(server.httpUrl, "bench");
  const key = new SoftAuthenticator(rp.rpId, rp.origin);
  const added = await addPasskey(server.httpUrl, account.token, key);
  if (added.status !== 201) throw new Error(`passkey not added: ${added.status}`);

  const passkey: number[] = [];
  const password: number[] = [];
  for (let i = 0; i < count; i++) {
    // Both round trips of a passkey sign-in (options, then verify), as a browser makes them.
    let started = performance.now();
    const v = await passkeyLogin(server.httpUrl, key);
    if (v.status !== 200) throw new Error(`passkey sign-in ${v.status}`);
    passkey.push(performance.now() - started);
    started = performance.now();
    const p = await api(server.httpUrl, "POST", "/api/auth/login", {
      body: { name: "bench", password: GOOD_PASSWORD },
    });
    if (p.status !== 200) throw new Error(`password sign-in ${p.status}`);
    password.push(performance.now() - started);
  }
  console.log(summary("passkey sign-in (options + verify)", passkey));
  console.log(summary("password sign-in", password));
} finally {
  await bench.stop();
}
