import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest } from "./contractFixtures.js";
import type { NewPasskey } from "../../src/store/PasskeyStore.js";
import type { Store } from "../../src/store/Store.js";

const key = (id: string, userId: string, createdAt: number): NewPasskey => ({
  id,
  userId,
  publicKey: new Uint8Array([165, 1, 2, 3, 38, 0, 255]),
  counter: 0,
  transports: ["internal", "hybrid"],
  label: `key ${id}`,
  createdAt,
});

/** The behaviour every {@link Store}'s `passkeys` must have. Call it from each implementation's test. */
export function passkeyStoreContract(name: string, create: () => Promise<Store>): void {
  describe(`PasskeyStore contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s));

    it("keeps a credential with its key bytes and lists a user's newest first", async () => {
      expect(await store.passkeys.addPasskey(key("cred-a1", alice.id, 10))).toBe(true);
      expect(await store.passkeys.addPasskey(key("cred-a2", alice.id, 20))).toBe(true);
      expect(await store.passkeys.addPasskey(key("cred-b1", bob.id, 30))).toBe(true);
      const got = await store.passkeys.getPasskey("cred-a1");
      expect(got).toEqual({ ...key("cred-a1", alice.id, 10) });
      expect(got?.publicKey).toBeInstanceOf(Uint8Array);
      expect((await store.passkeys.listPasskeys(alice.id)).map((p) => p.id)).toEqual([
        "cred-a2",
        "cred-a1",
      ]);
      expect(await store.passkeys.getPasskey("nope")).toBeUndefined();
    });

    it("refuses a credential id registered before, even by another user", async () => {
      await store.passkeys.addPasskey(key("cred-x", alice.id, 10));
      expect(await store.passkeys.addPasskey(key("cred-x", bob.id, 20))).toBe(false);
      expect((await store.passkeys.getPasskey("cred-x"))?.userId).toBe(alice.id);
    });

    it("removes a passkey only for its owner", async () => {
      await store.passkeys.addPasskey(key("cred-a1", alice.id, 10));
      expect(await store.passkeys.removePasskey("cred-a1", bob.id)).toBe(false);
      expect(await store.passkeys.removePasskey("cred-a1", alice.id)).toBe(true);
      expect(await store.passkeys.removePasskey("cred-a1", alice.id)).toBe(false);
      expect(await store.passkeys.listPasskeys(alice.id)).toEqual([]);
    });

    it("moves the counter only forward, and stamps the use", async () => {
      await store.passkeys.addPasskey({ ...key("cred-c", alice.id, 10), counter: 5 });
      expect(await store.passkeys.usePasskey("cred-c", 5, 100)).toBe(false);
      expect(await store.passkeys.usePasskey("cred-c", 4, 100)).toBe(false);
      expect(await store.passkeys.usePasskey("cred-c", 6, 200)).toBe(true);
      const used = await store.passkeys.getPasskey("cred-c");
      expect([used?.counter, used?.lastUsedAt]).toEqual([6, 200]);
      // Two verifiers racing on one assertion: only one moves it.
      const both = await Promise.all([
        store.passkeys.usePasskey("cred-c", 7, 300),
        store.passkeys.usePasskey("cred-c", 7, 300),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });

    it("accepts every use of an authenticator that keeps no counter (always 0)", async () => {
      await store.passkeys.addPasskey(key("cred-z", alice.id, 10));
      expect(await store.passkeys.usePasskey("cred-z", 0, 100)).toBe(true);
      expect(await store.passkeys.usePasskey("cred-z", 0, 200)).toBe(true);
      expect((await store.passkeys.getPasskey("cred-z"))?.lastUsedAt).toBe(200);
    });

    it("hands a challenge back once, and never after it expired", async () => {
      const c = {
        challenge: "ch-1",
        purpose: "register" as const,
        userId: alice.id,
        expiresAt: 100,
      };
      expect(await store.passkeys.putChallenge(c, 0, 10)).toBe(true);
      expect(await store.passkeys.takeChallenge("ch-1", 50)).toEqual(c);
      expect(await store.passkeys.takeChallenge("ch-1", 50)).toBeUndefined();
      await store.passkeys.putChallenge(
        { challenge: "ch-2", purpose: "login", expiresAt: 100 },
        0,
        10,
      );
      expect(await store.passkeys.takeChallenge("ch-2", 100)).toBeUndefined();
      expect(await store.passkeys.takeChallenge("unknown", 0)).toBeUndefined();
    });

    it("bounds the challenges waiting, counting only unexpired ones", async () => {
      for (let i = 0; i < 3; i++) {
        const ok = await store.passkeys.putChallenge(
          { challenge: `c${i}`, purpose: "login", expiresAt: 100 },
          0,
          3,
        );
        expect(ok).toBe(true);
      }
      const full = { challenge: "c3", purpose: "login" as const, expiresAt: 200 };
      expect(await store.passkeys.putChallenge(full, 50, 3)).toBe(false);
      // Once the first three expired they are swept and no longer count.
      expect(await store.passkeys.putChallenge(full, 100, 3)).toBe(true);
      expect(await store.passkeys.takeChallenge("c0", 100)).toBeUndefined();
      expect((await store.passkeys.takeChallenge("c3", 150))?.purpose).toBe("login");
    });
  });
}
