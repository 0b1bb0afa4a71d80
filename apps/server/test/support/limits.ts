import { DEFAULT_ABUSE_LIMITS, type AbuseLimits } from "../../src/limits/limitsConfig.js";

/** Some abuse limits of a test: each group names only the limits it changes. */
export interface LimitsChange {
  rate?: Partial<AbuseLimits["rate"]>;
  connections?: Partial<AbuseLimits["connections"]>;
  maxBufferedBytes?: number;
  rooms?: Partial<AbuseLimits["rooms"]>;
  users?: Partial<AbuseLimits["users"]>;
  tcp?: Partial<AbuseLimits["tcp"]>;
  authFailuresPerMinute?: number;
}

/**
 * The limits a test runs under: `base` (the defaults unless given) with only the named limits changed,
 * so a test shows the one limit it is about: `limitsWith({ connections: { maxTotal: 6 } })`.
 */
export function limitsWith(
  change: LimitsChange,
  base: AbuseLimits = DEFAULT_ABUSE_LIMITS,
): AbuseLimits {
  return {
    rate: { ...base.rate, ...change.rate },
    connections: { ...base.connections, ...change.connections },
    rooms: { ...base.rooms, ...change.rooms },
    users: { ...base.users, ...change.users },
    tcp: { ...base.tcp, ...change.tcp },
    maxBufferedBytes: change.maxBufferedBytes ?? base.maxBufferedBytes,
    authFailuresPerMinute: change.authFailuresPerMinute ?? base.authFailuresPerMinute,
  };
}
