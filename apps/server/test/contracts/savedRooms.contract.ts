import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest } from "./contractFixtures.js";
import type { Store } from "../../src/store/Store.js";

/** The behaviour every `store.savedRooms` must have. Call it beside {@link storeContract}. */
export function savedRoomsContract(name: string, create: () => Promise<Store>): void {
  describe(`SavedRooms contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s));

    it("remembers a user's rooms in the order joined, each once, apart from other users", async () => {
      await store.savedRooms.add(alice.id, "ops", 1, 10);
      await store.savedRooms.add(alice.id, "design", 2, 10);
      await store.savedRooms.add(alice.id, "ops", 3, 10);
      await store.savedRooms.add(bob.id, "random", 4, 10);
      expect(await store.savedRooms.list(alice.id)).toEqual({
        rooms: ["ops", "design"],
        open: undefined,
      });
      expect((await store.savedRooms.list(bob.id)).rooms).toEqual(["random"]);
    });

    it("forgets a room left, and the open room with it", async () => {
      await store.savedRooms.add(alice.id, "ops", 1, 10);
      await store.savedRooms.add(alice.id, "design", 2, 10);
      await store.savedRooms.open(alice.id, "design", 3);
      await store.savedRooms.remove(alice.id, "design");
      expect(await store.savedRooms.list(alice.id)).toEqual({ rooms: ["ops"], open: undefined });
    });

    it("names the room opened last, and ignores opening a room not saved", async () => {
      await store.savedRooms.add(alice.id, "ops", 1, 10);
      await store.savedRooms.add(alice.id, "design", 2, 10);
      await store.savedRooms.open(alice.id, "ops", 5);
      await store.savedRooms.open(alice.id, "design", 6);
      await store.savedRooms.open(alice.id, "ops", 7);
      await store.savedRooms.open(alice.id, "nowhere", 8);
      expect((await store.savedRooms.list(alice.id)).open).toBe("ops");
    });

    it("orders a user's leave, open and list after the joins they did not wait for", async () => {
      const joins = [
        store.savedRooms.add(alice.id, "ops", 1, 10),
        store.savedRooms.add(alice.id, "design", 2, 10),
        store.savedRooms.add(alice.id, "random", 3, 10),
      ];
      await store.savedRooms.open(alice.id, "design", 4);
      await store.savedRooms.remove(alice.id, "random");
      expect(await store.savedRooms.list(alice.id)).toEqual({
        rooms: ["ops", "design"],
        open: "design",
      });
      const late = store.savedRooms.add(alice.id, "late", 5, 10);
      expect((await store.savedRooms.list(alice.id)).rooms).toEqual(["ops", "design", "late"]);
      await Promise.all([...joins, late]);
    });

    it("keeps at most `max` rooms per user, forgetting the longest-held", async () => {
      for (let i = 1; i <= 5; i += 1) await store.savedRooms.add(alice.id, `room-${i}`, i, 3);
      expect((await store.savedRooms.list(alice.id)).rooms).toEqual(["room-3", "room-4", "room-5"]);
    });
  });
}
