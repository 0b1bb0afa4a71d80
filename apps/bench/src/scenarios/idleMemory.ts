import type { Target } from "../adapters/target.js";
import { processRssBytes } from "../measure/cpu.js";
import { Deliveries } from "../wire/deliveries.js";
import { closeAll, connectClients, seatsInRooms } from "./connectClients.js";
import { MALLOC_DECAY_MS, settle } from "./waitUntil.js";

export interface IdleMemoryResult {
  connections: number;
  connectFailures: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  /** Server RSS growth divided by the connections held. */
  bytesPerConnection: number;
}

/** Holds N connected, ready (for Duplex: welcomed and joined) clients, idle, and reads the server's RSS. */
export async function runIdleMemory(
  target: Target,
  serverPid: number,
  port: number,
  connections: number,
  perRoom: number,
): Promise<IdleMemoryResult> {
  // A few connections first, so lazily loaded code is not billed to the N.
  const warm = await connectClients(target, port, seatsInRooms(10, 10, "warm"), new Deliveries());
  closeAll(warm.clients);
  await settle(MALLOC_DECAY_MS);
  const rssBefore = processRssBytes(serverPid);
  const connected = await connectClients(
    target,
    port,
    seatsInRooms(connections, perRoom, "idle", 100),
    new Deliveries(),
  );
  try {
    // Settle: let presence fan-out and allocation finish, and the malloc decay, before reading.
    await settle(MALLOC_DECAY_MS);
    const rssAfter = processRssBytes(serverPid);
    const held = connected.clients.length;
    return {
      connections: held,
      connectFailures: connected.failures,
      rssBeforeBytes: rssBefore,
      rssAfterBytes: rssAfter,
      bytesPerConnection: held > 0 ? Math.round((rssAfter - rssBefore) / held) : 0,
    };
  } finally {
    closeAll(connected.clients);
  }
}
