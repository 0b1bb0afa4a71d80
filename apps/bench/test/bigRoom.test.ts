import { describe, expect, it } from "vitest";
import { duplexAvailable, duplexBigRoomTarget } from "../src/adapters/duplexTarget.js";
import { rawWsTarget } from "../src/adapters/rawWsTarget.js";
import type { Target } from "../src/adapters/target.js";
import { runBigRoom } from "../src/scenarios/bigRoom.js";
import { startedTarget } from "./startedTarget.js";

const MEMBERS = 120;
const targets: Target[] = [rawWsTarget, ...(duplexAvailable() ? [duplexBigRoomTarget] : [])];

describe.each(targets)("scenario f (big room) on $name, from many source addresses", (target) => {
  const running = startedTarget(target);

  it("readies every member of one room and reports its bytes and memory", async () => {
    const { pid, port } = running();
    const result = await runBigRoom(target, pid, port, MEMBERS);
    expect(result).toMatchObject({ members: MEMBERS, ready: MEMBERS, failures: 0 });
    expect(result.elapsedMs).toBeGreaterThan(0);
    // Duplex: one page of at most 100 members and a count per joiner, far below the N² of full lists.
    expect(result.bytesToClients / MEMBERS).toBeLessThan(20_000);
  }, 60_000);
});
