import { describe, expect, it } from "vitest";
import { FULL, QUICK } from "./config.js";
import { readOptions } from "./options.js";

describe("readOptions", () => {
  it("takes the full preset and every target and scenario by default", () => {
    const options = readOptions([]);
    expect(options.config.mode).toBe(FULL.mode);
    expect([...options.targets]).toEqual(["ws", "socket.io", "duplex"]);
    expect(options.fanoutReceivers).toEqual(FULL.fanoutReceivers);
    expect(options.base).toBeUndefined();
  });

  it("narrows a quick run and adds duplex-base with the capabilities it names", () => {
    const options = readOptions([
      "--quick",
      "--targets=ws,duplex",
      "--b-rate=20",
      "--big-room-sizes=5000",
      "--duplex-base=/tmp/base/apps/server",
      "--duplex-base-caps=member_pages",
    ]);
    expect(options.config.mode).toBe(QUICK.mode);
    expect(options.config.manySenders.ratePerClient).toBe(20);
    expect([...options.targets]).toEqual(["ws", "duplex", "duplex-base"]);
    expect(options.bigRoomSizes).toEqual([5000]);
    expect(options.base).toEqual({
      dir: "/tmp/base/apps/server",
      caps: ["member_pages"],
      first: false,
    });
  });

  it("runs the other build first when asked, and only with one named", () => {
    expect(readOptions(["--duplex-base=/x", "--base-first"]).base?.first).toBe(true);
    expect(() => readOptions(["--base-first"])).toThrow("--base-first needs --duplex-base");
  });

  it("runs each big-room size once unless trials are asked for", () => {
    expect(readOptions([]).bigRoomTrials).toBe(1);
    expect(readOptions(["--big-room-trials=5"]).bigRoomTrials).toBe(5);
    expect(() => readOptions(["--big-room-trials=0"])).toThrow("--big-room-trials");
    expect(() => readOptions(["--big-room-trials=2.5"])).toThrow("--big-room-trials");
  });

  it("refuses values it cannot run with", () => {
    expect(() => readOptions(["--b-rate=0"])).toThrow("--b-rate");
    expect(() => readOptions(["--fanout-receivers=100,x"])).toThrow("--fanout-receivers");
    expect(() => readOptions(["--gc-port=70000"])).toThrow("--gc-port");
    expect(() => readOptions(["--alloc-prof"])).toThrow("--alloc-prof needs --gc-port");
    expect(readOptions(["--alloc-prof", "--gc-port=18829"]).allocProf).toBe(true);
    expect(() => readOptions(["--duplex-base=/x", "--duplex-base-caps=nope"])).toThrow("nope");
  });
});
