import { describe, expect, it } from "vitest";
import type { BigRoomResult } from "../scenarios/bigRoom.js";
import { renderBigRoom } from "./renderBigRoom.js";
import type { BenchResults } from "./results.js";

const fill = (elapsedMs: number): BigRoomResult => ({
  members: 5000,
  ready: 5000,
  failures: 0,
  firstError: undefined,
  elapsedMs,
  bytesToClients: 0,
  peakBytesPerMember: 0,
  idleBytesPerMember: 0,
  cpu: { server: 0.9, generator: 0.5, others: 0 },
  serverCpuUsPerMember: 300,
  saturates: "server",
});

const run = (byVariant: BenchResults["bigRoom"][number]["byVariant"]) =>
  renderBigRoom({ bigRoom: [{ members: 5000, byVariant }] } as unknown as BenchResults).join("\n");

describe("the big-room table", () => {
  it("sets each fill against both bare servers: Duplex's accept queue and Node's default", () => {
    const table = run({ ws: fill(600), "ws-default": fill(2400), duplex: fill(1800) });
    const duplexRow = table.split("\n").find((line) => line.startsWith("duplex "));
    expect(duplexRow).toMatch(/1800\s+3\.00×\s+0\.75×/);
    const defaultRow = table.split("\n").find((line) => line.startsWith("ws-default "));
    expect(defaultRow).toMatch(/2400\s+4\.00×\s+1\.00×/);
  });

  it("leaves the second ratio empty in a run without the default-listen server", () => {
    const table = run({ ws: fill(600), duplex: fill(1800) });
    expect(table.split("\n").find((line) => line.startsWith("duplex "))).toMatch(/3\.00×\s+–/);
  });
});
