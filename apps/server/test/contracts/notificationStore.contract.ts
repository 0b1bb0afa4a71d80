import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest, numbered } from "./contractFixtures.js";
import type { NewNotification } from "../../src/store/NotificationStore.js";
import type { Store } from "../../src/store/Store.js";

const notification = numbered<NewNotification>((n) => ({
  id: `n_${n}`,
  kind: "system",
  title: `title ${n}`,
  body: "",
  level: "info",
  ts: 1_000 + n,
}));

/** The behaviour every `store.notifications` must have. Call it beside {@link storeContract}. */
export function notificationStoreContract(name: string, create: () => Promise<Store>): void {
  describe(`NotificationStore contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s));

    it("stores one notification for several users, once per user and id", async () => {
      const n = notification({
        kind: "mention",
        link: { room: "general", messageId: "m_1", seq: 1 },
      });
      expect(await store.notifications.add(n, [alice.id, bob.id, alice.id])).toEqual([
        alice.id,
        bob.id,
      ]);
      expect(await store.notifications.add(n, [alice.id])).toEqual([]);
      expect(await store.notifications.unread(alice.id, 10)).toEqual([{ ...n, read: false }]);
    });

    it("stores for every known user with all", async () => {
      const created = await store.notifications.add(notification(), "all");
      expect(created.sort()).toEqual([alice.id, bob.id].sort());
    });

    it("finds what is stored after a read found nothing unread, for a list and for all", async () => {
      expect(await store.notifications.unread(alice.id, 10)).toEqual([]);
      expect(await store.notifications.unread(bob.id, 10)).toEqual([]);
      const one = notification();
      await store.notifications.add(one, [alice.id]);
      expect((await store.notifications.unread(alice.id, 10)).map((n) => n.id)).toEqual([one.id]);
      expect(await store.notifications.unread(bob.id, 10)).toEqual([]);
      const everyone = notification();
      await store.notifications.add(everyone, "all");
      expect((await store.notifications.unread(bob.id, 10)).map((n) => n.id)).toEqual([
        everyone.id,
      ]);
    });

    it("lists the latest unread ones, oldest first", async () => {
      const [a, b, c] = [notification(), notification(), notification()];
      for (const n of [a, b, c]) await store.notifications.add(n, [alice.id]);
      const ids = (await store.notifications.unread(alice.id, 2)).map((n) => n.id);
      expect(ids).toEqual([b.id, c.id]);
    });

    it("marks read only the user's own notifications", async () => {
      const mine = notification();
      const theirs = notification();
      await store.notifications.add(mine, [alice.id]);
      await store.notifications.add(theirs, [bob.id]);
      expect(await store.notifications.markRead(alice.id, [mine.id, theirs.id, "n_none"])).toEqual([
        mine.id,
      ]);
      expect(await store.notifications.unread(alice.id, 10)).toEqual([]);
      expect((await store.notifications.unread(bob.id, 10)).map((n) => n.id)).toEqual([theirs.id]);
      await store.notifications.markRead(bob.id);
      expect(await store.notifications.unread(bob.id, 10)).toEqual([]);
    });

    it("finds a room's writers", async () => {
      await store.append({
        room: "ops",
        userId: alice.id,
        cid: "c1",
        text: "hi",
        id: "m_ops1",
        ts: 1,
      });
      expect(await store.notifications.roomAuthors("ops")).toEqual([alice.id]);
      expect(await store.notifications.roomAuthors("general")).toEqual([]);
    });
  });
}
