import { describe, expect, it } from "vitest";
import { runSoak } from "./soak.js";

// A short run of `pnpm soak` (30 minutes, 300 clients) so the default run keeps the soak working.
describe("soak smoke", () => {
  it("20 s of 60 churning clients: no error, fds back to baseline, every acked message stored once", async () => {
    const report = await runSoak({ durationMs: 20_000, clients: 60, rooms: 10, sendEveryMs: 500 });
    const { errors, ...figures } = report;
    console.info(`soak smoke: ${JSON.stringify(figures)}`);
    expect(errors).toEqual([]);
    expect(report.problems).toEqual([]);
    expect(report.sessions).toBeGreaterThan(60);
    expect(report.droppedTcp).toBeGreaterThan(0);
    expect(report.politeCloses).toBeGreaterThan(0);
    expect(report.stored.rows).toBe(report.acks);
  }, 60_000);
});
