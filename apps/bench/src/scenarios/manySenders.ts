import type { Target } from "../adapters/target.js";
import type { Ports } from "../targets/targetProcess.js";
import { saturated, startCpuWindow, type CpuShare } from "../measure/cpu.js";
import type { LatencySummary } from "../measure/latency.js";
import { Deliveries } from "../wire/deliveries.js";
import { closeAll, connectClients, seatsInRooms } from "./connectClients.js";
import { pace } from "./pacer.js";
import { settle, waitUntil } from "./waitUntil.js";

export interface ManySendersOptions {
  clients: number;
  rooms: number;
  /** Messages per second each client sends. */
  ratePerClient: number;
  durationMs: number;
}

export interface ManySendersResult {
  clients: number;
  rooms: number;
  connectFailures: number;
  sentRate: number;
  /** Deliveries per second that arrived within the window. */
  deliveredRate: number;
  /** Deliveries within the window over those due (sent ≥ 50 ms before its end). */
  completion: number;
  latency: LatencySummary;
  cpu: CpuShare;
  saturates: ReturnType<typeof saturated>;
}

/** Every client sends to its own room at a fixed rate and receives its room's traffic. */
export async function runManySenders(
  target: Target,
  serverPid: number | readonly number[],
  port: Ports,
  options: ManySendersOptions,
): Promise<ManySendersResult> {
  const perRoom = Math.ceil(options.clients / options.rooms);
  const deliveries = new Deliveries(4);
  const seats = seatsInRooms(options.clients, perRoom, "room");
  const connected = await connectClients(target, port, seats, deliveries);
  try {
    // Clients become ready out of order (more so across two nodes): each sends to its own seat's room.
    const senders = connected.clients.map((client, i) => ({
      client,
      room: connected.seats[i]?.room ?? "room0",
    }));
    const send = (room: string, text: string) => target.sendPayload(room, text);
    // Warm-up, then measure from a clean count.
    await pace(senders, senders.length, 300, send);
    await settle(200);
    deliveries.latency.reset();
    const before = deliveries.count;
    const endCpu = startCpuWindow(serverPid);
    const started = performance.now();
    const { sent, sentBeforeGrace } = await pace(
      senders,
      options.ratePerClient * senders.length,
      options.durationMs,
      send,
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = endCpu();
    const delivered = deliveries.count - before;
    const due = sentBeforeGrace * perRoom;
    const expected = sent * perRoom;
    await waitUntil(() => deliveries.count - before >= expected, 3000);
    return {
      clients: connected.clients.length,
      rooms: options.rooms,
      connectFailures: connected.failures,
      sentRate: Math.round(sent / seconds),
      deliveredRate: Math.round(delivered / seconds),
      completion: due > 0 ? delivered / due : 0,
      latency: deliveries.latency.summary(),
      cpu,
      saturates: saturated(cpu),
    };
  } finally {
    closeAll(connected.clients);
  }
}
