/** Budgets of a user and of an address, shared by all their sockets (per node). A rate of 0 is off. */
export interface UserLimits {
  /** Open welcomed sockets of one user; more → close 4429. @default 20 */
  maxSockets: number;
  /** `send`/`edit`/`delete` of one address, all its users together: sustained per second. @default 100 */
  addressSendPerSecond: number;
  /** … burst. @default 300 */
  addressSendBurst: number;
  /** `hello` without a token (a new user) per address per hour, also the burst. @default 60 */
  signUpsPerHour: number;
  /** Messages returned by `history` per user per second. @default 500 */
  historyRowsPerSecond: number;
  /** … burst (ten full pages). @default 1000 */
  historyRowsBurst: number;
  /** Messages returned by `history` per address per second. @default 1000 */
  addressHistoryRowsPerSecond: number;
  /** … burst. @default 2000 */
  addressHistoryRowsBurst: number;
  /** Bytes one user may add to the store per day (text + per-row overhead), also the burst. @default 10 MiB */
  storageBytesPerDay: number;
  /** Bytes one address may add to the store per day, also the burst. @default 50 MiB */
  addressStorageBytesPerDay: number;
}

export const DEFAULT_USER_LIMITS: UserLimits = {
  maxSockets: 20,
  addressSendPerSecond: 100,
  addressSendBurst: 300,
  signUpsPerHour: 60,
  historyRowsPerSecond: 500,
  historyRowsBurst: 1_000,
  addressHistoryRowsPerSecond: 1_000,
  addressHistoryRowsBurst: 2_000,
  storageBytesPerDay: 10 * 1024 * 1024,
  addressStorageBytesPerDay: 50 * 1024 * 1024,
};

/** What one stored message costs besides its text: ids, seq, timestamps, the index entries. */
export const ROW_OVERHEAD_BYTES = 200;
