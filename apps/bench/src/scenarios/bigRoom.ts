import type { Target } from "../adapters/target.js";
import { processRssBytes, saturated, startCpuWindow, type CpuShare } from "../measure/cpu.js";
import { Deliveries } from "../wire/deliveries.js";
import { closeAll, connectClients } from "./connectClients.js";
import { MALLOC_DECAY_MS, settle } from "./waitUntil.js";

export interface BigRoomResult {
  members: number;
  ready: number;
  failures: number;
  firstError: string | undefined;
  /** From the first connect to the last client ready (Duplex: its `joined` received). */
  elapsedMs: number;
  /** Bytes the clients read after their upgrades, from the first connect to the end of the settle. */
  bytesToClients: number;
  /** Peak server RSS growth during the fill, per member. */
  peakBytesPerMember: number;
  /** Server RSS growth once the room is full and idle, per member. */
  idleBytesPerMember: number;
  cpu: CpuShare;
  /** Server CPU time over the fill (connect, `hello`, `join`) per member ready, in µs. */
  serverCpuUsPerMember: number;
  saturates: ReturnType<typeof saturated>;
}

// After the last `joined`: presence windows (50 ms) and the last coalesced occupancy (≤ 1 s) land.
const SETTLE_MS = 1_500;
const RSS_SAMPLE_MS = 50;
// 100 seats per source address at 10,000: within the server's default per-address caps (150 TCP,
// 100 WebSocket), and each address' ephemeral ports hold only its share of the passes.
const SOURCE_ADDRESSES = 100;

/**
 * N clients connect at once and join one room — a company's #general right after a deploy: the users
 * exist (an untimed first pass signed them up) and come back with their tokens. Times the last `joined`, counts every byte the server sends the clients until the room is quiet, and samples
 * the server's RSS during the fill and once idle.
 */
export async function runBigRoom(
  target: Target,
  serverPid: number,
  port: number,
  members: number,
  /**
   * With `collectGarbage` (`--gc-port`): a full GC in the server before each RSS read. With
   * `sampleAllocations` (`--alloc-prof`): started before the timed pass, stopped after it.
   */
  options: {
    collectGarbage?: (() => Promise<void>) | undefined;
    sampleAllocations?: (() => Promise<() => Promise<void>>) | undefined;
  } = {},
): Promise<BigRoomResult> {
  // A few connections first, so lazily loaded code is not billed to the N; RSS is measured from here,
  // so the first pass's users, sessions and heap count against the room (a conservative figure).
  const warm = await connectClients(
    target,
    port,
    Array.from({ length: 10 }, (_, i) => ({ room: "warm", index: 900_000 + i })),
    new Deliveries(),
  );
  closeAll(warm.clients);
  await settle(500);
  await options.collectGarbage?.();
  await settle(MALLOC_DECAY_MS);
  const rssBefore = processRssBytes(serverPid);
  // Untimed first pass: every seat signs up once (Duplex keeps its token), in rooms of ten, and
  // leaves; it also warms lazily loaded code, so neither is billed to the fill.
  const seats = Array.from({ length: members }, (_, index) => ({ room: "general", index }));
  const prep = await connectClients(
    target,
    port,
    seats.map((s) => ({ ...s, room: `prep${Math.floor(s.index / 10)}` })),
    new Deliveries(),
    256,
    Number.POSITIVE_INFINITY,
    SOURCE_ADDRESSES,
  );
  closeAll(prep.clients);
  await settle(2_000);
  let rssPeak = processRssBytes(serverPid);
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, processRssBytes(serverPid));
  }, RSS_SAMPLE_MS);
  const deliveries = new Deliveries();
  const stopSampling = await options.sampleAllocations?.();
  const endCpu = startCpuWindow(serverPid);
  const cpuWindowStart = performance.now();
  let result;
  try {
    result = await connectClients(
      target,
      port,
      seats,
      deliveries,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      SOURCE_ADDRESSES,
    );
  } finally {
    clearInterval(sampler);
  }
  const cpu = endCpu();
  await stopSampling?.();
  const cpuWindowMs = performance.now() - cpuWindowStart;
  try {
    await settle(SETTLE_MS);
    const bytesToClients = deliveries.bytes;
    rssPeak = Math.max(rssPeak, processRssBytes(serverPid));
    await options.collectGarbage?.();
    await settle(MALLOC_DECAY_MS);
    const rssIdle = processRssBytes(serverPid);
    const ready = result.clients.length;
    const per = (bytes: number) => (ready > 0 ? Math.round(bytes / ready) : 0);
    return {
      members,
      ready,
      failures: result.failures,
      firstError: result.firstError,
      elapsedMs: Math.round(result.elapsedMs),
      bytesToClients,
      peakBytesPerMember: per(rssPeak - rssBefore),
      idleBytesPerMember: per(rssIdle - rssBefore),
      cpu,
      serverCpuUsPerMember: ready > 0 ? Math.round((cpu.server * cpuWindowMs * 1000) / ready) : 0,
      saturates: saturated(cpu),
    };
  } finally {
    closeAll(result.clients);
  }
}
