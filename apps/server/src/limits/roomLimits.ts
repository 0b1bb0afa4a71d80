import { ErrorCode } from "@duplex/protocol";
import { DuplexError } from "../errors.js";
import { KeyedBuckets } from "./keyedBuckets.js";

/** Limits on the room directory. A rate of 0 is off. */
export interface RoomLimits {
  /**
   * Rooms of every kind, in total. Sized so that even a v1 `rooms` reply listing all of them (~60
   * bytes a room) stays far below the 4 MiB slow-consumer bound. @default 5000
   */
  maxTotal: number;
  /** New rooms one user may create per hour (also the burst). @default 20 */
  perUserPerHour: number;
  /** New rooms one address (IPv4, or IPv6 /64) may create per hour (also the burst). @default 60 */
  perAddressPerHour: number;
  /** A room that never stored a message and has nobody in it is deleted this long after its creation. @default 600000 */
  emptyTtlMs: number;
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  maxTotal: 5_000,
  perUserPerHour: 20,
  perAddressPerHour: 60,
  emptyTtlMs: 10 * 60_000,
};

const HOUR_S = 3600;

/**
 * Charges room creation to the user and to the address (both must have a token), then checks the
 * total. Per node: several nodes multiply the rates (the total is the store's and holds for all).
 */
export class RoomCreation {
  readonly #users: KeyedBuckets;
  readonly #addresses: KeyedBuckets;

  constructor(readonly limits: RoomLimits) {
    this.#users = new KeyedBuckets(limits.perUserPerHour, limits.perUserPerHour / HOUR_S);
    this.#addresses = new KeyedBuckets(limits.perAddressPerHour, limits.perAddressPerHour / HOUR_S);
  }

  /**
   * Takes one creation from `user` and `address` if both have one and fewer than `maxTotal` rooms
   * exist. @throws DuplexError `rate_limited` with `retryAfterMs` otherwise.
   */
  async charge(
    user: string,
    address: string,
    now: number,
    countRooms: () => Promise<number>,
  ): Promise<void> {
    // Taken before the first await, so concurrent joins from many sockets cannot all pass one check.
    const wait = this.#users.take(user, now) || this.#addresses.take(address, now);
    if (wait > 0) throw refused("you are creating rooms too fast", wait);
    if (this.limits.maxTotal > 0 && (await countRooms()) >= this.limits.maxTotal) {
      throw refused("the room directory is full; join an existing room", this.limits.emptyTtlMs);
    }
  }
}

function refused(message: string, retryAfterMs: number): DuplexError {
  return new DuplexError(
    ErrorCode.RateLimited,
    `${message}; retry in ${retryAfterMs} ms`,
    undefined,
    retryAfterMs,
  );
}
