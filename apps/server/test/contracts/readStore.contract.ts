import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest } from "./contractFixtures.js";
import type { Store } from "../../src/store/Store.js";

/** The behaviour every `store.reads` and `store.changes` must have. Call it beside {@link storeContract}. */
export function readStoreContract(name: string, create: () => Promise<Store>): void {
  describe(`ReadStore and ChangeLog contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    const send = (userId: string, text: string, ts = 100) =>
      store.append({ room: "general", userId, cid: `c${++n}`, text, id: `m_${n}`, ts });
    freshStoreEachTest(create, (s) => (store = s));

    it("moves a read cursor only forward, per user and room", async () => {
      expect(await store.reads.advance(alice.id, "general", 5, 1)).toEqual({ seq: 5, moved: true });
      expect(await store.reads.advance(alice.id, "general", 3, 2)).toEqual({
        seq: 5,
        moved: false,
      });
      expect(await store.reads.advance(alice.id, "general", 5, 3)).toEqual({
        seq: 5,
        moved: false,
      });
      expect(await store.reads.advance(alice.id, "general", 8, 4)).toEqual({ seq: 8, moved: true });
      await store.reads.advance(bob.id, "general", 2, 5);
      await store.reads.advance(alice.id, "ops", 1, 6);
      expect(await store.reads.cursors(alice.id)).toEqual(
        new Map([
          ["general", 8],
          ["ops", 1],
        ]),
      );
      expect(
        await store.reads.readersOf("general", [alice.id, bob.id, "u_nobodyyyyyyyyy"]),
      ).toEqual(
        new Map([
          [alice.id, 8],
          [bob.id, 2],
        ]),
      );
    });

    it("counts unread messages by others after the cursor, never deleted ones, up to a bound", async () => {
      await send(alice.id, "mine");
      const { message: gone } = await send(bob.id, "gone");
      await send(bob.id, "one");
      await send(bob.id, "two");
      await store.deleteMessage({ room: "general", id: gone.id, userId: bob.id });
      expect(await store.reads.unread(alice.id, "general", 0, 100)).toBe(2);
      expect(await store.reads.unread(alice.id, "general", 3, 100)).toBe(1);
      expect(await store.reads.unread(alice.id, "general", 0, 1)).toBe(1);
      expect(await store.reads.unread(bob.id, "general", 0, 100)).toBe(1);
    });

    it("keeps preferences per user: receipts shared by default, DND, room levels", async () => {
      expect(await store.reads.prefs(alice.id)).toEqual({
        shareReceipts: true,
        dndUntil: 0,
        rooms: [],
      });
      await store.reads.setPrefs(alice.id, {
        shareReceipts: false,
        rooms: [
          { room: "ops", level: "none" },
          { room: "general", level: "mentions" },
        ],
      });
      const now = await store.reads.setPrefs(alice.id, {
        dndUntil: 500,
        rooms: [{ room: "ops", level: "all" }],
      });
      expect(now).toEqual({
        shareReceipts: false,
        dndUntil: 500,
        rooms: [{ room: "general", level: "mentions" }],
      });
      expect(await store.reads.prefs(alice.id)).toEqual(now);
      expect(await store.reads.sharing([alice.id, bob.id])).toEqual(new Set([bob.id]));
      expect(await store.reads.notifyState(alice.id, "general")).toEqual({
        level: "mentions",
        dndUntil: 500,
      });
      expect(await store.reads.notifyState(bob.id, "general")).toEqual({
        level: "all",
        dndUntil: 0,
      });
    });

    it("logs edits and deletes in order; a delete takes the message's edited text out of the log", async () => {
      const { message: a } = await send(alice.id, "a", 100);
      const { message: b } = await send(alice.id, "b", 200);
      await store.editMessage({
        room: "general",
        id: a.id,
        userId: alice.id,
        text: "a2",
        editedAt: 300,
      });
      await store.editMessage({
        room: "general",
        id: b.id,
        userId: alice.id,
        text: "b2",
        editedAt: 400,
      });
      expect(await store.changes.head("general")).toBe(2);
      const logged = await store.changes.after("general", 0, 10);
      expect(
        logged.map((c) => [c.changeSeq, c.kind, c.messageId, c.messageSeq, c.payload]),
      ).toEqual([
        [1, "edit", a.id, a.seq, { text: "a2", editedAt: 300 }],
        [2, "edit", b.id, b.seq, { text: "b2", editedAt: 400 }],
      ]);
      await store.deleteMessage({ room: "general", id: a.id, userId: alice.id, at: 500 });
      const after = await store.changes.after("general", 0, 10);
      expect(after.map((c) => [c.changeSeq, c.kind, c.messageId])).toEqual([
        [2, "edit", b.id],
        [3, "delete", a.id],
      ]);
      expect(JSON.stringify(after)).not.toContain("a2");
      expect((await store.changes.after("general", 2, 10)).map((c) => c.changeSeq)).toEqual([3]);
      // Changes made since t=400 to messages up to seq 1 (what a v1 client holding seq 1 missed).
      expect(
        (await store.changes.madeSince("general", 400, a.seq, 10)).map((c) => c.changeSeq),
      ).toEqual([3]);
      expect(await store.changes.messageTime("general", b.seq)).toBe(200);
      expect(await store.changes.head("other")).toBe(0);
    });
  });
}
