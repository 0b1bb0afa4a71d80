/**
 * `pnpm soak [minutes] [clients]`: the long churn soak (default 30 minutes, 300 clients), not part of
 * the default test run. Prints progress, then the figures; exits 1 if any check failed.
 */
import { runSoak } from "./soak.js";

const minutes = Number(process.argv[2] ?? 30);
const clients = Number(process.argv[3] ?? 300);
if (!(minutes > 0) || !(clients > 0)) {
  console.error("usage: pnpm soak [minutes=30] [clients=300]");
  process.exit(2);
}
console.log(`soak: ${minutes} min, ${clients} clients churning over 20 rooms`);
const report = await runSoak({
  durationMs: minutes * 60_000,
  clients,
  log: (line) => console.log(line),
  progressEveryMs: 30_000,
});
const { errors, ...figures } = report;
console.log(JSON.stringify({ ...figures, errors: errors.slice(0, 20) }, null, 2));
console.log(report.problems.length === 0 ? "soak: every check held" : "soak: FAILED");
process.exit(report.problems.length === 0 ? 0 : 1);
