import type { ChallengePurpose, PasskeyRecord, StoredChallenge } from "./PasskeyStore.js";

/** A `passkeys` row as both stores select it (Postgres returns BIGINT as text). */
export interface PasskeyRow {
  id: string;
  user_id: string;
  public_key: Uint8Array;
  counter: number | string;
  transports: string;
  label: string;
  created_at: number | string;
  last_used_at: number | string | null;
}

export const PASSKEY_COLUMNS =
  "id, user_id, public_key, counter, transports, label, created_at, last_used_at";

function transportsOf(text: string): string[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === "string") : [];
}

export function toPasskey(row: PasskeyRow): PasskeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: new Uint8Array(row.public_key),
    counter: Number(row.counter),
    transports: transportsOf(row.transports),
    label: row.label,
    createdAt: Number(row.created_at),
    ...(row.last_used_at !== null && { lastUsedAt: Number(row.last_used_at) }),
  };
}

export interface ChallengeRow {
  challenge: string;
  purpose: string;
  user_id: string | null;
  expires_at: number | string;
}

export function toChallenge(row: ChallengeRow): StoredChallenge {
  return {
    challenge: row.challenge,
    purpose: row.purpose as ChallengePurpose,
    ...(row.user_id !== null && { userId: row.user_id }),
    expiresAt: Number(row.expires_at),
  };
}
