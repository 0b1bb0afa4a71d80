import { CloseCode, ErrorCode } from "@duplex/protocol";
import { DuplexError } from "../errors.js";
import { KeyedBuckets } from "./keyedBuckets.js";
import type { AbuseLimits } from "./limitsConfig.js";
import { RoomCreation } from "./roomLimits.js";
import { ROW_OVERHEAD_BYTES } from "./userLimits.js";

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;

/** A `rate_limited` refusal saying when to retry. */
export function rateLimited(
  message: string,
  retryAfterMs: number,
  close?: typeof CloseCode.RateLimited,
): DuplexError {
  return new DuplexError(
    ErrorCode.RateLimited,
    `${message}; retry in ${retryAfterMs} ms`,
    close,
    retryAfterMs,
  );
}

/**
 * Budgets charged to a user and to an address across all their sockets: opening more sockets buys
 * nothing. Per node: with several nodes behind a balancer each node keeps its own.
 */
export class Budgets {
  readonly rooms: RoomCreation;
  readonly #userSends: KeyedBuckets;
  readonly #addressSends: KeyedBuckets;
  readonly #signUps: KeyedBuckets;
  readonly #userRows: KeyedBuckets;
  readonly #addressRows: KeyedBuckets;
  readonly #userBytes: KeyedBuckets;
  readonly #addressBytes: KeyedBuckets;

  constructor(readonly limits: AbuseLimits) {
    const { rate, users } = limits;
    this.rooms = new RoomCreation(limits.rooms);
    this.#userSends = new KeyedBuckets(rate.sendBurst, rate.sendPerSecond);
    this.#addressSends = new KeyedBuckets(users.addressSendBurst, users.addressSendPerSecond);
    this.#signUps = new KeyedBuckets(users.signUpsPerHour, users.signUpsPerHour / HOUR_S);
    this.#userRows = new KeyedBuckets(users.historyRowsBurst, users.historyRowsPerSecond);
    this.#addressRows = new KeyedBuckets(
      users.addressHistoryRowsBurst,
      users.addressHistoryRowsPerSecond,
    );
    this.#userBytes = new KeyedBuckets(users.storageBytesPerDay, users.storageBytesPerDay / DAY_S);
    this.#addressBytes = new KeyedBuckets(
      users.addressStorageBytesPerDay,
      users.addressStorageBytesPerDay / DAY_S,
    );
  }

  /** A write (`send`/`edit`/`delete`): 0 if the user and the address both had a token, else the wait. */
  takeWrite(user: string, address: string, now: number): number {
    return this.#userSends.take(user, now) || this.#addressSends.take(address, now);
  }

  /** A `hello` without a token makes a user: throttled per address. @throws close 4429 */
  chargeSignUp(address: string, now: number): void {
    const wait = this.#signUps.take(address, now);
    if (wait > 0) {
      throw rateLimited("too many new users from this address", wait, CloseCode.RateLimited);
    }
  }

  /**
   * Before a `history` read of up to `limit` rows: refused while the user or the address is short
   * of `limit`, else `limit` is reserved at once (so concurrent reads cannot all pass one check).
   * @throws rate_limited
   */
  reserveRows(user: string, address: string, limit: number, now: number): void {
    const wait = Math.max(
      this.#userRows.wait(user, now, limit),
      this.#addressRows.wait(address, now, limit),
    );
    if (wait > 0) throw rateLimited("reading history too fast", wait);
    this.#userRows.spend(user, now, limit);
    this.#addressRows.spend(address, now, limit);
  }

  /** After the read: gives back the reserved rows it did not return, so it costs what it returned. */
  refundRows(user: string, address: string, unused: number, now: number): void {
    this.#userRows.refund(user, now, unused);
    this.#addressRows.refund(address, now, unused);
  }

  /** Before storing `text`: its bytes against the daily storage quotas. @throws rate_limited */
  chargeStorage(user: string, address: string, text: string, now: number): void {
    const bytes = Buffer.byteLength(text) + ROW_OVERHEAD_BYTES;
    const wait =
      this.#userBytes.take(user, now, bytes) || this.#addressBytes.take(address, now, bytes);
    if (wait > 0) throw rateLimited("storage quota used up", wait);
  }
}
