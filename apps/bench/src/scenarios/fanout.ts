import type { Target } from "../adapters/target.js";
import type { Ports } from "../targets/targetProcess.js";
import { saturated, startCpuWindow, type CpuShare } from "../measure/cpu.js";
import type { LatencySummary } from "../measure/latency.js";
import { Deliveries } from "../wire/deliveries.js";
import { closeAll, connectClients } from "./connectClients.js";
import { pace, type Sender } from "./pacer.js";
import { waitUntil } from "./waitUntil.js";

/** Parameters of one fan-out run. */
export interface FanoutOptions {
  receivers: number;
  /** First delivery rate tried (deliveries/s); each next step multiplies it by `growth`. */
  startRate: number;
  growth: number;
  /** Highest rate tried, a hard bound on the loop. */
  maxRate: number;
  /** Bisection steps between the last sustained and the first failed rate. */
  refinements: number;
  stepMs: number;
  /** Delivery rate of the latency phase; `undefined` uses half of this target's own sustained rate. */
  latencyRate: number | undefined;
  latencyMs: number;
  /** Time spent at the latency rate before the measured window starts. */
  latencyWarmupMs: number;
  /** Longest time spent getting the receivers ready; the run goes on with those ready by then. */
  setupDeadlineMs: number;
}

/** One rate step. */
export interface StepResult {
  targetRate: number;
  deliveredRate: number;
  /** Deliveries within the step over those due (sent ≥ 50 ms before its end); may exceed 1. */
  completion: number;
  sustained: boolean;
  cpu: CpuShare;
}

export interface FanoutResult {
  /** Receivers asked for, and those ready when the set-up deadline passed. */
  receiversWanted: number;
  receivers: number;
  connectFailures: number;
  /** Time to get every receiver ready (Duplex: welcomed and joined, with presence fan-out). */
  setupMs: number;
  /** Highest rate delivered in full within its step (no backlog left to grow). */
  sustainedRate: number;
  sustainedCpu: CpuShare;
  /** Highest rate seen in any step, sustained or not: where the saturated process tops out. */
  peakRate: number;
  peakCpu: CpuShare;
  saturates: ReturnType<typeof saturated>;
  latencyRate: number;
  latency: LatencySummary;
  latencyCpu: CpuShare;
  steps: StepResult[];
}

const SENDERS = 2;
// Sustained: ≥ 97 % of what was due (sent before the step's grace) had arrived when it ended.
const SUSTAINED_COMPLETION = 0.97;

/**
 * How long before a step's end a message still counts as in flight rather than due: 50 ms, plus the
 * time one message takes to reach every receiver even on an idle server (its R socket writes, ~10 µs
 * each on this machine). With 50 ms alone, at R = 10,000 (a message every ~60 ms, each taking ~100 ms
 * to reach all) the last due message was still on its way when a step ended, so an unloaded step
 * could read 93–96 % and end the climb with neither process saturated.
 */
export function fanoutGraceMs(receivers: number): number {
  return 50 + receivers * 0.01;
}

const ROOM = "fanout";
const ZERO_CPU: CpuShare = { server: 0, generator: 0, others: 0 };

/** Fan-out to R receivers in one room: step the rate up to find the sustained maximum, then latency. */
export async function runFanout(
  target: Target,
  serverPid: number | readonly number[],
  port: Ports,
  options: FanoutOptions,
): Promise<FanoutResult> {
  const receiving = new Deliveries(16);
  const ignored = new Deliveries(1024);
  const room = ROOM;
  const inRoom = (count: number, firstIndex: number) =>
    Array.from({ length: count }, (_, i) => ({ room, index: firstIndex + i }));
  const receivers = await connectClients(
    target,
    port,
    inRoom(options.receivers, 0),
    receiving,
    256,
    options.setupDeadlineMs,
  );
  const sendersConnected = await connectClients(
    target,
    port,
    inRoom(SENDERS, options.receivers),
    ignored,
  );
  try {
    if (sendersConnected.clients.length === 0) {
      throw new Error(`no sender could connect: ${sendersConnected.firstError ?? "?"}`);
    }
    const count = receivers.clients.length;
    const senders: Sender[] = sendersConnected.clients.map((client) => ({ client, room }));
    const send = (room: string, text: string) => target.sendPayload(room, text);
    const graceMs = fanoutGraceMs(count);

    const step = async (deliveryRate: number, ms: number): Promise<StepResult> => {
      const sendRate = Math.max(1, deliveryRate / Math.max(1, count));
      const before = receiving.count;
      const endCpu = startCpuWindow(serverPid);
      const started = performance.now();
      const { sent, sentBeforeGrace } = await pace(senders, sendRate, ms, send, graceMs);
      const seconds = (performance.now() - started) / 1000;
      const cpu = endCpu();
      const delivered = receiving.count - before;
      // Judge against what had time to arrive: a growing backlog shows as a shortfall here.
      const due = sentBeforeGrace * count;
      const completion = due > 0 ? delivered / due : 0;
      // Let the backlog drain so the next step starts clean (bounded wait).
      await waitUntil(() => receiving.count - before >= sent * count, 3000);
      return {
        targetRate: Math.round(deliveryRate),
        deliveredRate: Math.round(delivered / seconds),
        completion,
        sustained: completion >= SUSTAINED_COMPLETION,
        cpu,
      };
    };

    await step(Math.min(options.startRate, 10_000), Math.min(300, options.stepMs)); // JIT warm-up
    const steps: StepResult[] = [];
    let passed: StepResult | undefined;
    let failed: StepResult | undefined;
    for (let rate = options.startRate; rate <= options.maxRate; rate *= options.growth) {
      let result = await step(rate, options.stepMs);
      steps.push(result);
      // One retry: a single stalled step (GC, a neighbour process) should not end the climb.
      if (!result.sustained) {
        result = await step(rate, options.stepMs);
        steps.push(result);
      }
      if (!result.sustained) {
        failed = result;
        break;
      }
      passed = result;
    }
    for (let i = 0; i < options.refinements && failed; i++) {
      const low = passed?.targetRate ?? 0;
      const result = await step((low + failed.targetRate) / 2, options.stepMs);
      steps.push(result);
      if (result.sustained) passed = result;
      else failed = result;
    }
    const peak = steps.reduce<StepResult | undefined>(
      (best, s) => (best === undefined || s.deliveredRate > best.deliveredRate ? s : best),
      undefined,
    );

    const sustainedRate = passed?.deliveredRate ?? 0;
    const latencyRate = options.latencyRate ?? sustainedRate / 2;
    const latencyDeliveries = receiving;
    // Unmeasured first: right after the saturated steps a target is still paying for them (buffers to
    // collect, a backlog to write), and latency "at a moderate rate" means its steady state there.
    if (latencyRate > 0) await step(latencyRate, options.latencyWarmupMs);
    latencyDeliveries.latency.reset();
    const latencyStep = latencyRate > 0 ? await step(latencyRate, options.latencyMs) : undefined;

    return {
      receiversWanted: options.receivers,
      receivers: count,
      connectFailures: receivers.failures,
      setupMs: Math.round(receivers.elapsedMs),
      sustainedRate,
      sustainedCpu: passed?.cpu ?? ZERO_CPU,
      peakRate: peak?.deliveredRate ?? 0,
      peakCpu: peak?.cpu ?? ZERO_CPU,
      saturates: saturated(failed?.cpu ?? peak?.cpu ?? ZERO_CPU),
      latencyRate: Math.round(latencyRate),
      latency: latencyDeliveries.latency.summary(),
      latencyCpu: latencyStep?.cpu ?? ZERO_CPU,
      steps,
    };
  } finally {
    closeAll(receivers.clients);
    closeAll(sendersConnected.clients);
  }
}
