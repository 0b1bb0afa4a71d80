import { beforeEach, describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest } from "./contractFixtures.js";
import type { Store } from "../../src/store/Store.js";
import type { NewPushSubscription } from "../../src/store/WebPushStore.js";

const LATER = 1_000_000;

const sub = (
  id: string,
  userId: string,
  sessionId: string,
  createdAt = 10,
): NewPushSubscription => ({
  id,
  userId,
  sessionId,
  endpoint: `https://push.example.com/${id}`,
  p256dh: `key-${id}`,
  auth: `auth-${id}`,
  createdAt,
});

/** The behaviour every {@link Store}'s `webPush` must have. Call it from each implementation's test. */
export function webPushStoreContract(name: string, create: () => Promise<Store>): void {
  describe(`WebPushStore contract: ${name}`, () => {
    let store: Store;
    const session = (id: string, userId: string, expiresAt = LATER) =>
      store.accounts.createSession({ id, userId, device: "Firefox", now: 1, expiresAt });
    freshStoreEachTest(create, (s) => (store = s));
    beforeEach(async () => {
      await session("s_a1", alice.id);
      await session("s_a2", alice.id);
      await session("s_a3", alice.id);
      await session("s_b1", bob.id);
    });

    it("keeps the first VAPID key pair offered, for every later caller", async () => {
      const first = await store.webPush.vapidKeys({ publicKey: "pub-1", privateKey: "priv-1" });
      const second = await store.webPush.vapidKeys({ publicKey: "pub-2", privateKey: "priv-2" });
      expect(first).toEqual({ publicKey: "pub-1", privateKey: "priv-1" });
      expect(second).toEqual(first);
    });

    it("keeps a device per session and lists a user's newest first, with the last accepted push", async () => {
      expect(await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1", 10), 5)).toBe(
        "created",
      );
      expect(await store.webPush.saveSubscription(sub("p2", alice.id, "s_a2", 20), 5)).toBe(
        "created",
      );
      expect(await store.webPush.saveSubscription(sub("p3", bob.id, "s_b1", 30), 5)).toBe(
        "created",
      );
      await store.webPush.markPushed("p1", 99);
      const mine = await store.webPush.subscriptionsOf(alice.id, 50);
      expect(mine.map((s) => s.id)).toEqual(["p2", "p1"]);
      expect(mine[1]).toEqual({ ...sub("p1", alice.id, "s_a1", 10), lastSuccessAt: 99 });
    });

    it("registering an endpoint again updates it; a new endpoint of the same session replaces it", async () => {
      await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1", 10), 5);
      const again = { ...sub("p1", alice.id, "s_a1", 20), auth: "auth-new" };
      expect(await store.webPush.saveSubscription(again, 5)).toBe("updated");
      let mine = await store.webPush.subscriptionsOf(alice.id, 50);
      expect(mine.map((s) => [s.id, s.auth, s.createdAt])).toEqual([["p1", "auth-new", 10]]);
      // The browser renewed its subscription: one device still.
      expect(await store.webPush.saveSubscription(sub("p9", alice.id, "s_a1", 30), 5)).toBe(
        "created",
      );
      mine = await store.webPush.subscriptionsOf(alice.id, 50);
      expect(mine.map((s) => s.id)).toEqual(["p9"]);
    });

    it("moves an endpoint to whoever registers it next (one browser, another account)", async () => {
      await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1"), 5);
      expect(await store.webPush.saveSubscription(sub("p1", bob.id, "s_b1", 40), 5)).toBe(
        "created",
      );
      expect(await store.webPush.subscriptionsOf(alice.id, 50)).toEqual([]);
      expect((await store.webPush.subscriptionsOf(bob.id, 50)).map((s) => s.id)).toEqual(["p1"]);
    });

    it("refuses a device past the per-user bound, but not re-registering one", async () => {
      await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1"), 2);
      await store.webPush.saveSubscription(sub("p2", alice.id, "s_a2"), 2);
      expect(await store.webPush.saveSubscription(sub("p3", alice.id, "s_a3"), 2)).toBe("full");
      expect(await store.webPush.saveSubscription(sub("p2", alice.id, "s_a2"), 2)).toBe("updated");
      expect(await store.webPush.saveSubscription(sub("p4", alice.id, "s_a2"), 2)).toBe("created");
      expect((await store.webPush.subscriptionsOf(alice.id, 50)).map((s) => s.id).sort()).toEqual([
        "p1",
        "p4",
      ]);
    });

    it("deletes a session's device when the session is revoked, and hides an expired one", async () => {
      await session("s_short", alice.id, 100);
      await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1"), 5);
      await store.webPush.saveSubscription(sub("p2", alice.id, "s_a2"), 5);
      await store.webPush.saveSubscription(sub("p3", alice.id, "s_short"), 5);
      expect(await store.accounts.revokeSession("s_a1", alice.id, 60)).toBe(true);
      expect((await store.webPush.subscriptionsOf(alice.id, 50)).map((s) => s.id).sort()).toEqual([
        "p2",
        "p3",
      ]);
      expect((await store.webPush.subscriptionsOf(alice.id, 100)).map((s) => s.id)).toEqual(["p2"]);
      await store.accounts.revokeSessionsOf(alice.id, 70);
      expect(await store.webPush.subscriptionsOf(alice.id, 50)).toEqual([]);
      // Revoked means gone, not hidden: the bound counts only live devices.
      await session("s_new", alice.id);
      expect(await store.webPush.saveSubscription(sub("p5", alice.id, "s_new"), 1)).toBe("created");
    });

    it("removes only the caller's own endpoint, and prunes by id", async () => {
      await store.webPush.saveSubscription(sub("p1", alice.id, "s_a1"), 5);
      await store.webPush.saveSubscription(sub("p2", alice.id, "s_a2"), 5);
      expect(await store.webPush.removeSubscription(bob.id, sub("p1", "", "").endpoint)).toBe(
        false,
      );
      expect(await store.webPush.removeSubscription(alice.id, sub("p1", "", "").endpoint)).toBe(
        true,
      );
      expect(await store.webPush.pruneSubscription("p2")).toBe(true);
      expect(await store.webPush.pruneSubscription("p2")).toBe(false);
      expect(await store.webPush.subscriptionsOf(alice.id, 50)).toEqual([]);
    });

    it("hands a delivery claim to one caller only, even racing, until it is forgotten", async () => {
      const racing = await Promise.all([
        store.webPush.claimDelivery("n_1", alice.id, 10),
        store.webPush.claimDelivery("n_1", alice.id, 10),
        store.webPush.claimDelivery("n_1", alice.id, 10),
      ]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(await store.webPush.claimDelivery("n_1", bob.id, 10)).toBe(true);
      expect(await store.webPush.claimDelivery("n_2", alice.id, 20)).toBe(true);
      expect(await store.webPush.forgetDeliveries(15)).toBe(2);
      expect(await store.webPush.claimDelivery("n_1", alice.id, 30)).toBe(true);
      expect(await store.webPush.claimDelivery("n_2", alice.id, 30)).toBe(false);
    });
  });
}
