import { afterEach, beforeEach } from "vitest";
import type { Store } from "../../src/store/Store.js";

/** Users every store contract suite starts with. */
export const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
export const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };
export const carol = { id: "u_carolccccccccccc", name: "Carol" };

type User = { id: string; name: string };

/**
 * Gives each test of a contract suite a fresh store holding `users` (Alice and Bob unless told), and
 * closes it after the test: `let store: Store; freshStoreEachTest(create, (s) => (store = s));`.
 */
export function freshStoreEachTest(
  create: () => Promise<Store>,
  use: (store: Store) => void,
  users: readonly User[] = [alice, bob],
): void {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await create();
    for (const user of users) await store.upsertUser(user);
    use(store);
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
}
