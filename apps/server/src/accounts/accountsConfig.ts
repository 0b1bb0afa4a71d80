import { z } from "zod";
import { onOff, wholeNumber } from "../envValues.js";

/** Accounts, guests and sessions, part of `Config`. */
export interface AccountsConfig {
  /**
   * Whether `hello` without a session token signs in a guest. Off: it closes with 4401.
   * @default true, false with NODE_ENV=production
   */
  guests: boolean;
  /** Absolute lifetime of a session: no refresh carries a token past it. @default 30 days */
  sessionMaxAgeMs: number;
  /**
   * After a token is refreshed, the one it replaced is still accepted this long, so tabs sharing one
   * stored token all get back in after a blip. @default 2 minutes
   */
  tokenGraceMs: number;
  /** The name whose account is the owner. Unset: the first account registered. @default undefined */
  owner?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_ACCOUNTS: Omit<AccountsConfig, "guests"> = {
  sessionMaxAgeMs: 30 * DAY_MS,
  tokenGraceMs: 2 * 60_000,
};

const ms = wholeNumber(1000, 3650 * DAY_MS, "must be a whole number of milliseconds");

/** Environment variables of accounts (merged into the server's env schema). */
export const ACCOUNTS_ENV = {
  GUESTS: onOff.optional(),
  SESSION_MAX_AGE_MS: ms.optional(),
  TOKEN_GRACE_MS: ms.optional(),
  OWNER: z.string().trim().min(1).max(64).optional(),
};

type AccountsEnv = z.infer<ReturnType<typeof z.object<typeof ACCOUNTS_ENV>>>;

/** Builds the accounts config; guests default to off in production. */
export function accountsFromEnv(e: AccountsEnv, production: boolean): AccountsConfig {
  return {
    guests: e.GUESTS === undefined ? !production : e.GUESTS === "on",
    sessionMaxAgeMs: e.SESSION_MAX_AGE_MS ?? DEFAULT_ACCOUNTS.sessionMaxAgeMs,
    tokenGraceMs: e.TOKEN_GRACE_MS ?? DEFAULT_ACCOUNTS.tokenGraceMs,
    ...(e.OWNER !== undefined && { owner: e.OWNER }),
  };
}
