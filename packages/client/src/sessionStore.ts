import type { KeyValueStorage } from "./types.js";

/** The session token from the last `welcome`, persisted so a reload is the same user. */
export class SessionStore {
  #token: string | undefined;
  readonly #key: string;

  constructor(
    private readonly storage: KeyValueStorage,
    storageKey: string,
  ) {
    this.#key = `${storageKey}:token`;
    try {
      this.#token = storage.getItem(this.#key) ?? undefined;
    } catch {
      this.#token = undefined;
    }
  }

  get token(): string | undefined {
    return this.#token;
  }

  setToken(token: string): void {
    this.#token = token;
    try {
      this.storage.setItem(this.#key, token);
    } catch (error) {
      console.warn("duplex client: could not persist the session token", error);
    }
  }

  clearToken(): void {
    this.#token = undefined;
    try {
      this.storage.removeItem(this.#key);
    } catch {
      // nothing to clean up then
    }
  }
}
