import type { Target } from "../adapters/target.js";
import { saturated, startCpuWindow, type CpuShare } from "../measure/cpu.js";
import { Deliveries } from "../wire/deliveries.js";
import { closeAll, connectClients, seatsInRooms } from "./connectClients.js";

export interface ConnectStormResult {
  clients: number;
  connected: number;
  failures: number;
  firstError: string | undefined;
  /** From the first connect to the last client ready (Duplex: `joined` received). */
  elapsedMs: number;
  cpu: CpuShare;
  saturates: ReturnType<typeof saturated>;
}

/** Opens every client at once and times until the last one is ready. */
export async function runConnectStorm(
  target: Target,
  serverPid: number,
  port: number,
  clients: number,
  perRoom: number,
): Promise<ConnectStormResult> {
  const endCpu = startCpuWindow(serverPid);
  const result = await connectClients(
    target,
    port,
    seatsInRooms(clients, perRoom, "storm"),
    new Deliveries(),
    Number.POSITIVE_INFINITY,
  );
  const cpu = endCpu();
  closeAll(result.clients);
  return {
    clients,
    connected: result.clients.length,
    failures: result.failures,
    firstError: result.firstError,
    elapsedMs: Math.round(result.elapsedMs),
    cpu,
    saturates: saturated(cpu),
  };
}
