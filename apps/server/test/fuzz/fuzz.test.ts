import { ErrorCode } from "@duplex/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS_OFF } from "../../src/limits/limitsConfig.js";
import { TestClient } from "../helpers.js";
import { testWorld } from "../support/testWorld.js";
import { fuzzFrame, type FuzzFrame } from "./fuzzFrames.js";

const ROOM = "fuzz";
const CONNECTIONS = 4;
const BATCH = 100;
const RUNS = 105; // × BATCH ≥ 10,000 frames
/** Errors a bad frame may get; `internal` would mean a handler threw on input it should refuse. */
const INPUT_ERRORS = new Set<string>([
  ErrorCode.BadJson,
  ErrorCode.InvalidMessage,
  ErrorCode.UnknownType,
  ErrorCode.TooLarge,
]);

/** One fuzzing connection: welcomed, in the room; replaced by a fresh one after each close. */
class FuzzSocket {
  client!: TestClient;
  #errorsSeen = 0;
  #pings = 0;

  constructor(
    readonly url: string,
    readonly name: string,
  ) {}

  async open(): Promise<void> {
    const { client } = await TestClient.hello(this.url, { name: this.name });
    await client.join(ROOM);
    this.client = client;
    this.#errorsSeen = 0;
  }

  /** Sends frames expected to get one `error` each, then proves every error came (in order). */
  async sendErrors(frames: readonly FuzzFrame[]): Promise<void> {
    if (frames.length === 0) return;
    const before = this.#errorsSeen;
    for (const f of frames) this.client.ws.send(f.data, { binary: f.binary });
    const t = ++this.#pings;
    this.client.send({ type: "ping", t });
    await this.client.waitFor("pong", (p) => p.t === t, 15_000);
    const errors = this.client.received.filter((m) => m.type === "error");
    this.#errorsSeen = errors.length;
    expect(this.#errorsSeen - before, "one error per bad frame").toBe(frames.length);
    for (const e of errors.slice(before)) {
      if (e.type === "error") expect(INPUT_ERRORS, e.message).toContain(e.code);
    }
  }

  /** Sends a frame that must close the socket with `code`, then reconnects. */
  async sendClosing(frame: FuzzFrame, code: number): Promise<void> {
    this.client.ws.send(frame.data, { binary: frame.binary });
    const closed = await this.client.closed;
    expect(closed.code, frame.family).toBe(code);
    await this.open();
  }

  /** Runs this connection's share of a batch in order. */
  async run(frames: readonly FuzzFrame[]): Promise<void> {
    let pending: FuzzFrame[] = [];
    for (const frame of frames) {
      if (frame.expect.kind === "error") {
        pending.push(frame);
        continue;
      }
      await this.sendErrors(pending);
      pending = [];
      await this.sendClosing(frame, frame.expect.code);
    }
    await this.sendErrors(pending);
  }
}

describe("fuzzing a running server with hostile frames", () => {
  it("never crashes, answers every bad frame as documented, and a bystander misses nothing", async () => {
    await using world = await testWorld({
      users: ["Sender", "Bystander"],
      rooms: [ROOM],
      // Limits off: every frame must reach the decoder (rate limits have their own tests).
      config: { limits: LIMITS_OFF },
    });
    const { Sender: sender, Bystander: bystander } = world.users;

    const sockets = Array.from(
      { length: CONNECTIONS },
      (_, i) => new FuzzSocket(world.server.url, `fuzz${i}`),
    );
    await Promise.all(sockets.map((s) => s.open()));
    const families = new Map<string, number>();
    let thrown = 0;
    let batches = 0;
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(
        fc.array(fuzzFrame, { minLength: BATCH, maxLength: BATCH }),
        async (frames) => {
          batches += 1;
          // The well-behaved client keeps talking while the batch flies.
          sender.client.send({
            type: "send",
            room: ROOM,
            cid: `good${batches}`,
            text: `good ${batches}`,
          });
          await Promise.all(
            sockets.map((socket, i) => socket.run(frames.filter((_, j) => j % CONNECTIONS === i))),
          );
          thrown += frames.length;
          for (const f of frames) families.set(f.family, (families.get(f.family) ?? 0) + 1);
        },
      ),
      { numRuns: RUNS, endOnFailure: true },
    );

    // The bystander received every good message, once each, in order.
    await bystander.client.waitFor("message", (m) => m.cid === `good${batches}`, 15_000);
    const good = bystander.client.received.flatMap((m) =>
      m.type === "message" && m.cid.startsWith("good") ? [m.cid] : [],
    );
    expect(good).toEqual(Array.from({ length: batches }, (_, i) => `good${i + 1}`));
    // No prototype pollution reached this process (the server runs in it).
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await bystander.client.roundTrip();
    for (const s of sockets) s.client.close();

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const mix = [...families].map(([f, n]) => `${f} ${n}`).join(", ");
    console.log(
      `[fuzz] ${thrown} frames thrown in ${seconds} s over ${CONNECTIONS} connections (${mix})`,
    );
    expect(thrown).toBeGreaterThanOrEqual(10_000);
  }, 120_000);
});
