// Passkey sign-in against password sign-in on this machine: a real server on port 0, a temp SQLite
// file, sequential requests over loopback, a software authenticator (real ES256 signatures).
// `pnpm --filter @duplex/server bench:passkey-login [count]` (default 40 of each).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PasskeyOptionsResponse } from "@duplex/protocol";
import { startServer } from "../src/index.js";
import { api, registerAccount, GOOD_PASSWORD } from "../test/accountsHttp.js";
import { SoftAuthenticator } from "../test/support/softAuthenticator.js";

const count = Math.min(500, Number(process.argv[2] ?? 40));
const rp = { rpId: "localhost", origin: "http://localhost:5173" };
const dir = mkdtempSync(join(tmpdir(), "duplex-passkey-bench-"));
const server = await startServer({
  port: 0,
  logLevel: "silent",
  tokenSecret: "passkey-bench-secret-0123456789",
  dbPath: join(dir, "duplex.db"),
  webDist: join(dir, "none"),
  passkeys: rp,
});

const pct = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const summary = (label: string, xs: number[]) =>
  `${label}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
const optionsOf = (json: unknown) => PasskeyOptionsResponse.parse(json).options;

try {
  const account = await registerAccount(server.httpUrl, "bench");
  const key = new SoftAuthenticator(rp.rpId, rp.origin);
  const options = await api(server.httpUrl, "POST", "/api/auth/passkey-registration/options", {
    token: account.token,
  });
  const added = await api(server.httpUrl, "POST", "/api/auth/passkey-registration/verify", {
    token: account.token,
    body: { response: key.register(optionsOf(options.json)) },
  });
  if (added.status !== 201) throw new Error(`passkey not added: ${added.status}`);

  const passkey: number[] = [];
  const password: number[] = [];
  for (let i = 0; i < count; i++) {
    // Both round trips of a passkey sign-in (options, then verify), as a browser makes them.
    let started = performance.now();
    const o = await api(server.httpUrl, "POST", "/api/auth/passkey-login/options");
    const v = await api(server.httpUrl, "POST", "/api/auth/passkey-login/verify", {
      body: { response: key.authenticate(optionsOf(o.json)) },
    });
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
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
