import type { Target } from "../adapters/target.js";
import type { Ports } from "../targets/targetProcess.js";
import type { Deliveries } from "../wire/deliveries.js";
import { RawClient } from "../wire/rawClient.js";

/** One client to open: its room and a stable index (Duplex derives the user name from it). */
export interface Seat {
  room: string;
  index: number;
}

/** Outcome of opening many clients. */
export interface Connected {
  /** The clients that became ready, in the order they did (not seat order). */
  clients: RawClient[];
  /** The seat of each ready client: `seats[i]` belongs to `clients[i]`. */
  seats: Seat[];
  failures: number;
  firstError: string | undefined;
  /** Wall time from the first connect to the last client ready, in ms. */
  elapsedMs: number;
}

/**
 * Opens and readies one client per seat, at most `concurrency` in flight (Infinity: all at once, a storm).
 * Failures are counted, not thrown: the storm scenario reports them. No new client is started after
 * `deadlineMs`, so a server that admits clients slowly bounds the run instead of stalling it.
 */
export async function connectClients(
  target: Target,
  ports: Ports,
  seats: readonly Seat[],
  deliveries: Deliveries,
  concurrency = 256,
  deadlineMs = Number.POSITIVE_INFINITY,
  /** Loopback source addresses to spread the seats over (127.0.0.1 …): 1 lets the kernel choose. */
  sources = 1,
): Promise<Connected> {
  const clients: RawClient[] = [];
  const readySeats: Seat[] = [];
  let failures = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = performance.now();

  async function openOne(seat: Seat): Promise<void> {
    let client: RawClient | undefined;
    try {
      client = await RawClient.open({
        port: portFor(ports, seat.index),
        path: target.connectPath(seat.room),
        headers: target.headers,
        deliveries,
        ...(sources > 1 && { localAddress: sourceAddress(seat.index, sources) }),
      });
      await target.ready(client, seat.room, seat.index);
      clients.push(client);
      readySeats.push(seat);
    } catch (error) {
      client?.destroy();
      failures++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }

  async function lane(): Promise<void> {
    while (next < seats.length && performance.now() - started < deadlineMs) {
      const seat = seats[next++];
      if (seat) await openOne(seat);
    }
  }

  const lanes = Math.min(concurrency, seats.length);
  await Promise.all(Array.from({ length: lanes }, () => lane()));
  return {
    clients,
    seats: readySeats,
    failures,
    firstError,
    elapsedMs: performance.now() - started,
  };
}

/** The port of the seat with this index: a cluster's nodes take turns, so room traffic crosses them. */
export function portFor(ports: Ports, index: number): number {
  if (typeof ports === "number") return ports;
  const port = ports[index % ports.length];
  if (port === undefined) throw new Error("no server port");
  return port;
}

/**
 * The seat's loopback source address, one of `sources` from 127.0.0.1: a storm of 10,000 from one
 * address is no deploy's shape (users come from many), and it would have the server's per-address
 * limits and one address' ephemeral ports (prep pass + fill, twice per size) measured instead.
 */
export function sourceAddress(index: number, sources: number): string {
  return `127.0.0.${1 + (index % Math.min(sources, 250))}`;
}

/** Seats for `count` clients spread over rooms of `perRoom` (room names `<prefix>0`, `<prefix>1`, …). */
export function seatsInRooms(
  count: number,
  perRoom: number,
  prefix: string,
  firstIndex = 0,
): Seat[] {
  return Array.from({ length: count }, (_, i) => ({
    room: `${prefix}${Math.floor(i / perRoom)}`,
    index: firstIndex + i,
  }));
}

/** Closes every client (bounded: one pass). */
export function closeAll(clients: readonly RawClient[]): void {
  for (const client of clients) client.destroy();
}
