import { describe, expect, it } from "vitest";
import type { Timers, WebSocketLike } from "./types.js";
import { UpgradeProber } from "./wsUpgrade.js";

/** Timers driven by hand: `due()` lists pending delays, `fire()` runs the earliest. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      pending.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void pending.delete(h as number),
    now: () => now,
  };
  const fire = (): number => {
    const [id, t] = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
    if (id === undefined || t === undefined) throw new Error("no timer");
    pending.delete(id);
    const waited = t.at - now;
    now = t.at;
    t.fn();
    return waited;
  };
  return { timers, fire };
}

/** A WebSocket whose fate the test decides: refused at once, or welcomed. */
function network(welcome: () => boolean) {
  const sent: string[] = [];
  class Probe implements WebSocketLike {
    readyState = 0;
    protocol = "duplex.v1";
    bufferedAmount = 0;
    onopen: WebSocketLike["onopen"] = null;
    onclose: WebSocketLike["onclose"] = null;
    onerror: WebSocketLike["onerror"] = null;
    onmessage: WebSocketLike["onmessage"] = null;
    constructor() {
      queueMicrotask(() => {
        if (!welcome()) {
          this.readyState = 3;
          this.onclose?.({ code: 1006, reason: "", wasClean: false });
          return;
        }
        this.readyState = 1;
        this.onopen?.({});
      });
    }
    send(data: string): void {
      sent.push(data);
      queueMicrotask(() => this.onmessage?.({ data: '{"type":"welcome"}' }));
    }
    close(): void {
      this.readyState = 3;
    }
  }
  return { Probe, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("UpgradeProber", () => {
  it("probes after 30 s, backs off to 5 min, and hands over the first welcomed socket", async () => {
    const { timers, fire } = manualTimers();
    let open = false;
    const { Probe, sent } = network(() => open);
    const upgrades: string[] = [];
    const prober = new UpgradeProber({
      WebSocket: Probe,
      url: "ws://x/ws",
      timers,
      initialMs: 30_000,
      maxMs: 300_000,
      timeoutMs: 4_000,
      hello: () => '{"type":"hello","token":"t"}',
      onUpgrade: (_socket, hello, welcome) => upgrades.push(`${hello} -> ${welcome}`),
    });
    prober.start();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      waits.push(fire()); // a probe starts…
      await settle(); // …is refused, and the next one is scheduled
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    expect(upgrades).toEqual([]);
    open = true;
    await settle();
    expect(upgrades).toEqual([]);
    prober.stop();
    expect(() => fire()).toThrow("no timer");
    prober.start();
    fire();
    await settle();
    await settle();
    expect(sent).toEqual(['{"type":"hello","token":"t"}']);
    expect(upgrades).toEqual(['{"type":"hello","token":"t"} -> {"type":"welcome"}']);
  });
});
