import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest } from "./contractFixtures.js";
import type { Store } from "../../src/store/Store.js";

/** The behaviour every {@link Store}'s `accounts` must have. Call it from each implementation's test. */
export function accountStoreContract(name: string, create: () => Promise<Store>): void {
  describe(`AccountStore contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s));

    it("binds a name to its first holder for good", async () => {
      expect(await store.accounts.bindName(alice.id, "Alice", "alice", 1)).toBe(alice.id);
      expect(await store.accounts.bindName(bob.id, "ALICE", "alice", 2)).toBe(alice.id);
      expect(await store.accounts.bindName(alice.id, "alice", "alice", 3)).toBe(alice.id);
      await store.upsertUser({ ...alice, name: "Alicia" });
      expect(await store.accounts.holders(["alice", "nobody"])).toEqual(
        new Map([["alice", { id: alice.id, name: "Alicia" }]]),
      );
    });

    it("finds a name bound after an earlier look-up, and the loser of a race finds the winner", async () => {
      expect(await store.accounts.holders(["late"])).toEqual(new Map());
      expect(await store.accounts.bindName(bob.id, "Late", "late", 4)).toBe(bob.id);
      expect(await store.accounts.bindName(alice.id, "Late", "late", 5)).toBe(bob.id);
      expect(await store.accounts.holders(["late"])).toEqual(
        new Map([["late", { id: bob.id, name: "Bob" }]]),
      );
      expect(await store.accounts.holderId("late")).toBe(bob.id);
      expect(await store.accounts.holderId("nobody")).toBeUndefined();
    });

    it("tells which users are guests: every user until it gets a password", async () => {
      await store.accounts.setPassword(bob.id, "hash");
      expect(
        await store.accounts.guestsAmong([alice.id, bob.id, alice.id, "u_nobodyyyyyyyyy"]),
      ).toEqual(new Set([alice.id]));
      expect(await store.accounts.guestsAmong([])).toEqual(new Set());
    });

    it("binds one name once when two users race for it", async () => {
      const holders = await Promise.all([
        store.accounts.bindName(alice.id, "x", "race", 1),
        store.accounts.bindName(bob.id, "x", "race", 1),
      ]);
      expect(holders[0]).toBe(holders[1]);
    });

    it("keeps messages under the author's name as it was when sent", async () => {
      const base = { room: "general", userId: alice.id, ts: 1 };
      await store.append({ ...base, cid: "c1", id: "m_1", text: "one", userName: "Alice" });
      await store.upsertUser({ ...alice, name: "Alicia" });
      await store.append({ ...base, cid: "c2", id: "m_2", text: "two", userName: "Alicia" });
      await store.append({ ...base, cid: "c3", id: "m_3", text: "three" });
      const { messages } = await store.page("general", 10);
      expect(messages.map((m) => m.from.name)).toEqual(["Alice", "Alicia", "Alicia"]);
    });

    it("makes a guest an account with a password, found by its name key", async () => {
      expect(await store.accounts.getUser(alice.id)).toEqual({
        ...alice,
        guest: true,
        role: "member",
      });
      await store.accounts.bindName(alice.id, "Alice", "alice", 1);
      expect(await store.accounts.credentials("alice")).toBeUndefined();
      await store.accounts.setPassword(alice.id, "hash");
      expect(await store.accounts.getUser(alice.id)).toEqual({
        ...alice,
        guest: false,
        role: "member",
      });
      expect(await store.accounts.credentials("alice")).toEqual({ user: alice, hash: "hash" });
    });

    it("keeps roles, bans and an audit log, newest first", async () => {
      expect(await store.accounts.hasOwner()).toBe(false);
      await store.accounts.setPassword(alice.id, "hash");
      await store.accounts.setRole(alice.id, "owner");
      expect(await store.accounts.hasOwner()).toBe(true);
      await store.accounts.setBanned(bob.id, 5);
      expect(await store.accounts.getUser(bob.id)).toMatchObject({ bannedAt: 5 });
      await store.accounts.setBanned(bob.id, undefined);
      expect(await store.accounts.getUser(bob.id)).not.toHaveProperty("bannedAt");
      const entry = { actorId: alice.id, targetId: bob.id, detail: "" };
      await store.accounts.audit({ ...entry, ts: 1, action: "ban" });
      await store.accounts.audit({ ...entry, ts: 2, action: "unban" });
      expect((await store.accounts.auditLog(10)).map((e) => e.action)).toEqual(["unban", "ban"]);
      expect(await store.accounts.auditLog(1)).toEqual([{ ...entry, ts: 2, action: "unban" }]);
    });

    it("creates, rotates, lists and revokes sessions", async () => {
      const s = await store.accounts.createSession({
        id: "s_1",
        userId: alice.id,
        device: "Firefox",
        now: 10,
        expiresAt: 1_000,
      });
      expect(s).toEqual({
        id: "s_1",
        userId: alice.id,
        device: "Firefox",
        createdAt: 10,
        lastSeenAt: 10,
        expiresAt: 1_000,
        gen: 1,
        genAt: 10,
        prevGenUntil: 0,
      });
      const rotated = await store.accounts.rotateSession("s_1", 1, 20, 30);
      expect(rotated).toMatchObject({ gen: 2, genAt: 20, prevGenUntil: 30 });
      // A second tab rotating from the same generation finds it moved on: no double step.
      expect(await store.accounts.rotateSession("s_1", 1, 21, 31)).toMatchObject({ gen: 2 });
      await store.accounts.touchSession("s_1", 25);
      await store.accounts.createSession({
        id: "s_2",
        userId: alice.id,
        device: "Phone",
        now: 40,
        expiresAt: 1_000,
      });
      await store.accounts.createSession({
        id: "s_old",
        userId: alice.id,
        device: "Old",
        now: 1,
        expiresAt: 50,
      });
      expect((await store.accounts.listSessions(alice.id, 60)).map((x) => x.id)).toEqual([
        "s_2",
        "s_1",
      ]);
      expect(await store.accounts.revokeSession("s_1", bob.id, 70)).toBe(false);
      expect(await store.accounts.revokeSession("s_1", alice.id, 70)).toBe(true);
      expect(await store.accounts.revokeSession("s_1", alice.id, 71)).toBe(false);
      expect((await store.accounts.getSession("s_1"))?.revokedAt).toBe(70);
      // `hello`'s read: the same session, with its user's row.
      expect(await store.accounts.getSessionWithUser("s_1")).toEqual({
        session: await store.accounts.getSession("s_1"),
        user: await store.accounts.getUser(alice.id),
      });
      expect(await store.accounts.getSessionWithUser("s_none")).toBeUndefined();
      expect(await store.accounts.rotateSession("s_1", 2, 80, 90)).toMatchObject({ gen: 2 });
      expect(await store.accounts.revokeSessionsOf(alice.id, 100)).toEqual(["s_2"]);
      expect(await store.accounts.listSessions(alice.id, 100)).toEqual([]);
    });
  });
}
