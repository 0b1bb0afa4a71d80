import { describe, expect, it } from "vitest";
import { alice, bob, carol, freshStoreEachTest } from "./contractFixtures.js";
import type { Store } from "../../src/store/Store.js";

/** The behaviour every `store.access` must have. Call it beside {@link storeContract}. */
export function roomAccessContract(name: string, create: () => Promise<Store>): void {
  describe(`RoomAccess contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s), [alice, bob, carol]);

    it("creates a private room with its owner as first member, once, never over an existing room", async () => {
      expect(await store.access.createPrivate("secret", alice.id, "e1", 1)).toBe(true);
      expect(await store.access.createPrivate("secret", bob.id, "e2", 2)).toBe(false);
      await store.ensureRoom("lobby");
      expect(await store.access.createPrivate("lobby", bob.id, "e3", 3)).toBe(false);
      expect(await store.access.privateRoom("secret")).toEqual({
        room: "secret",
        ownerId: alice.id,
      });
      expect(await store.access.privateRoom("lobby")).toBeUndefined();
      expect(await store.access.members("secret")).toEqual([alice.id]);
      expect((await store.getRoom("secret"))?.seq).toBe(0);
    });

    it("keeps outsiders out of a name asked about while public, once it is made private", async () => {
      expect(await store.access.level("later", carol.id)).toBe("public");
      expect(await store.access.createPrivate("later", alice.id, "e1", 1)).toBe(true);
      expect(await store.access.level("later", carol.id)).toBe("outsider");
      expect(await store.access.level("later", alice.id)).toBe("member");
    });

    it("tells members from outsiders, and public rooms apart", async () => {
      await store.access.createPrivate("secret", alice.id, "e1", 1);
      await store.access.addMember("secret", bob.id, 2);
      await store.access.addMember("secret", bob.id, 3);
      expect(await store.access.level("secret", alice.id)).toBe("member");
      expect(await store.access.level("secret", bob.id)).toBe("member");
      expect(await store.access.level("secret", carol.id)).toBe("outsider");
      expect(await store.access.level("lobby", carol.id)).toBe("public");
      expect(await store.access.members("secret")).toEqual([alice.id, bob.id]);
      expect(await store.access.removeMember("secret", bob.id)).toBe(true);
      expect(await store.access.removeMember("secret", bob.id)).toBe(false);
      expect(await store.access.level("secret", bob.id)).toBe("outsider");
    });

    it("lists a private room in the directory only to its members", async () => {
      await store.ensureRoom("lobby");
      await store.access.createPrivate("secret", alice.id, "e1", 1);
      const names = async (viewer?: string) =>
        (await store.listPublicRooms({ limit: 10, ...(viewer && { viewer }) })).map((r) => r.room);
      expect(await names(alice.id)).toEqual(["lobby", "secret"]);
      expect(await names(bob.id)).toEqual(["lobby"]);
      expect(await names()).toEqual(["lobby"]);
    });

    it("never deletes an empty private room as unused", async () => {
      await store.ensureRoom("empty");
      await store.access.createPrivate("secret", alice.id, "e1", 1);
      expect(await store.deleteEmptyRooms(Date.now() + 1000, [])).toEqual(["empty"]);
      expect(await store.getRoom("secret")).toBeDefined();
    });

    it("keeps mutes per user and room, replaced by a later one, and lists only those still running", async () => {
      await store.access.mute({ userId: bob.id, room: "", until: 100 });
      await store.access.mute({ userId: bob.id, room: "lobby", until: 50 });
      await store.access.mute({ userId: bob.id, room: "lobby", until: 200 });
      await store.access.mute({ userId: carol.id, room: "lobby", until: 10 });
      const active = await store.access.activeMutes(20);
      expect(active.sort((a, b) => a.until - b.until)).toEqual([
        { userId: bob.id, room: "", until: 100 },
        { userId: bob.id, room: "lobby", until: 200 },
      ]);
      expect(await store.access.unmute(bob.id, "")).toBe(true);
      expect(await store.access.unmute(bob.id, "")).toBe(false);
      expect(await store.access.activeMutes(20)).toEqual([
        { userId: bob.id, room: "lobby", until: 200 },
      ]);
    });

    it("lets a moderator's delete (anyAuthor) remove another user's message", async () => {
      const { message } = await store.append({
        room: "lobby",
        userId: bob.id,
        cid: "c1",
        text: "spam",
        id: "m_spam",
        ts: 1,
      });
      const plain = await store.deleteMessage({ room: "lobby", id: message.id, userId: alice.id });
      expect(plain.status).toBe("not_author");
      const moderated = await store.deleteMessage({
        room: "lobby",
        id: message.id,
        userId: alice.id,
        anyAuthor: true,
      });
      expect(moderated).toMatchObject({ status: "ok", message: { deleted: true, text: "" } });
    });
  });
}
