import { afterEach, beforeEach } from "vitest";
import type { Store } from "../../src/store/Store.js";

/** Users every store contract suite starts with. */
export const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
export const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };
export const carol = { id: "u_carolccccccccccc", name: "Carol" };

type User = { id: string; name: string };

/**
 * Gives each test of a contract suite a fresh implementation and closes it after the test:
 * `let broker: Broker; freshEachTest(create, (b) => (broker = b));`.
 */
export function freshEachTest<T extends { close(): Promise<void> }>(
  create: () => Promise<T>,
  use: (created: T) => void,
): void {
  let created: T | undefined;
  beforeEach(async () => {
    created = await create();
    use(created);
  });
  afterEach(async () => {
    await created?.close();
    created = undefined;
  });
}

/**
 * Gives each test of a contract suite a fresh store holding `users` (Alice and Bob unless told), and
 * closes it after the test: `let store: Store; freshStoreEachTest(create, (s) => (store = s));`.
 */
export function freshStoreEachTest(
  create: () => Promise<Store>,
  use: (store: Store) => void,
  users: readonly User[] = [alice, bob],
): void {
  freshEachTest(async () => {
    const store = await create();
    for (const user of users) await store.upsertUser(user);
    return store;
  }, use);
}

/** A factory of fixtures numbered 1, 2, 3…, each call a distinct one; `over` replaces fields. */
export function numbered<T>(make: (n: number) => T): (over?: Partial<T>) => T {
  let counter = 0;
  return (over = {}) => ({ ...make(++counter), ...over });
}
