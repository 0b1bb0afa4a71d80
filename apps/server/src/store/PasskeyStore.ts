/** A WebAuthn credential of an account, as the server keeps it. */
export interface PasskeyRecord {
  /** The credential id, base64url. */
  id: string;
  userId: string;
  /** COSE-encoded public key. */
  publicKey: Uint8Array<ArrayBuffer>;
  /** The authenticator's signature counter at its last use (0 for authenticators that keep none). */
  counter: number;
  transports: string[];
  label: string;
  createdAt: number;
  lastUsedAt?: number;
}

export type NewPasskey = Omit<PasskeyRecord, "lastUsedAt">;

/** Which ceremony a challenge was issued for. */
export type ChallengePurpose = "register" | "login";

/** A challenge handed to a browser, waiting for its signed answer. */
export interface StoredChallenge {
  /** base64url, as in the options and in the browser's clientDataJSON. */
  challenge: string;
  purpose: ChallengePurpose;
  /** The account registering (registration only). */
  userId?: string;
  expiresAt: number;
}

/**
 * Passkeys and ceremony challenges: part of the {@link Store} seam (`store.passkeys`), so a challenge
 * issued by one node can be answered on another. Every method returns a Promise and is awaited.
 */
export interface PasskeyStore {
  /** Stores a new credential; false (and nothing changed) when its id is already registered. */
  addPasskey(passkey: NewPasskey): Promise<boolean>;
  getPasskey(id: string): Promise<PasskeyRecord | undefined>;
  /** The user's passkeys, newest first. */
  listPasskeys(userId: string): Promise<PasskeyRecord[]>;
  /** Removes the passkey if it belongs to `userId`; returns whether it did. */
  removePasskey(id: string, userId: string): Promise<boolean>;
  /**
   * Records a sign-in: stores `counter` and the time if the counter moved forward (or the
   * authenticator keeps none: both 0). False when it did not: a replayed or cloned authenticator,
   * or another node took the same counter value first.
   */
  usePasskey(id: string, counter: number, now: number): Promise<boolean>;
  /**
   * Keeps a challenge until it expires, first forgetting expired ones. False (nothing stored) when
   * `max` unexpired challenges are already waiting.
   */
  putChallenge(challenge: StoredChallenge, now: number, max: number): Promise<boolean>;
  /** Removes and returns the challenge, once; undefined when unknown, already taken, or expired. */
  takeChallenge(challenge: string, now: number): Promise<StoredChallenge | undefined>;
}
