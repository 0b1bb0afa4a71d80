import type {
  ChallengePurpose,
  NewPasskey,
  PasskeyRecord,
  StoredChallenge,
} from "./PasskeyStore.js";

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

/** The `passkeys` columns an insert writes, in the order {@link passkeyValues} gives them. */
export const PASSKEY_INSERT_COLUMNS =
  "id, user_id, public_key, counter, transports, label, created_at";

/** A new passkey as an insert's values: the inverse of {@link toPasskey}. */
export function passkeyValues(p: NewPasskey): unknown[] {
  return [
    p.id,
    p.userId,
    Buffer.from(p.publicKey),
    p.counter,
    JSON.stringify(p.transports),
    p.label,
    p.createdAt,
  ];
}

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
