import { describe, expect, it } from "vitest";
import { alice, bob, freshStoreEachTest, numbered } from "./contractFixtures.js";
import type { AppendInput, Store } from "../../src/store/Store.js";

const input = numbered<AppendInput>((n) => ({
  room: "general",
  userId: alice.id,
  cid: `c${n}`,
  text: `hello ${n}`,
  id: `m_${n}`,
  ts: 1_000 + n,
}));

/** The behaviour every {@link Store} must have. Call it from each implementation's test file. */
export function storeContract(name: string, create: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    freshStoreEachTest(create, (s) => (store = s));

    it("answers ping while open and rejects it once closed", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
    });

    it("creates a room once, at seq 0, keeping its epoch", async () => {
      const first = await store.ensureRoom("lobby");
      const again = await store.ensureRoom("lobby");
      expect(first.seq).toBe(0);
      expect(again).toEqual(first);
      expect(await store.getRoom("nowhere")).toBeUndefined();
    });

    it("assigns consecutive seqs per room", async () => {
      const a = await store.append(input());
      const b = await store.append(input());
      const other = await store.append(input({ room: "other" }));
      expect([a.message.seq, b.message.seq, other.message.seq]).toEqual([1, 2, 1]);
      expect((await store.getRoom("general"))?.seq).toBe(2);
    });

    it("returns the original for a repeated cid from the same user, storing it once", async () => {
      const first = await store.append(input({ cid: "same" }));
      const again = await store.append(input({ cid: "same", id: "m_other", text: "changed" }));
      expect(again.duplicate).toBe(true);
      expect(again.message).toEqual(first.message);
      expect((await store.page("general", 10)).messages).toHaveLength(1);
    });

    it("stores the same cid from two users as two messages", async () => {
      await store.append(input({ cid: "x" }));
      const b = await store.append(input({ cid: "x", userId: bob.id }));
      expect(b.duplicate).toBe(false);
      expect(b.message.from).toEqual(bob);
    });

    it("links a reply and a thread reply with their append, again for a repeat", async () => {
      const root = (await store.append(input({ cid: "root", text: "the root" }))).message;
      const reply = await store.append(input({ cid: "re", replyTo: root.id }));
      expect(reply.replyTo).toMatchObject({
        messageId: root.id,
        seq: root.seq,
        excerpt: "the root",
      });
      const refs = await store.replies.replyRefs([reply.message.id]);
      expect(refs.get(reply.message.id)).toEqual(reply.replyTo);
      // Not a message of the room: stored, standing alone.
      const alone = await store.append(input({ cid: "re2", replyTo: "m_nowhere" }));
      expect([alone.duplicate, alone.replyTo]).toEqual([false, undefined]);

      const thread = { rootId: root.id, alsoToRoom: false };
      const first = await store.append(input({ cid: "th", userId: bob.id, thread }));
      expect(first.thread).toMatchObject({ status: "ok", changed: true, rootSeq: root.seq });
      expect(first.thread?.status === "ok" && first.thread.summary.replyCount).toBe(1);
      const again = await store.append(input({ cid: "th", userId: bob.id, thread }));
      expect(again.duplicate).toBe(true);
      expect(again.thread).toMatchObject({ status: "ok", changed: false });
      const nested = { rootId: first.message.id, alsoToRoom: false };
      expect((await store.append(input({ cid: "th2", thread: nested }))).thread).toEqual({
        status: "nested",
      });
      const threads = await store.threads.threadRefs([first.message.id]);
      expect(threads.get(first.message.id)).toEqual({ root: root.id, alsoToRoom: false });
    });

    it("pages backwards oldest-first with hasMore", async () => {
      for (let i = 0; i < 5; i++) await store.append(input());
      const latest = await store.page("general", 2);
      expect(latest.messages.map((m) => m.seq)).toEqual([4, 5]);
      expect(latest.hasMore).toBe(true);
      const older = await store.page("general", 3, 4);
      expect(older.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
      expect(older.hasMore).toBe(false);
      expect(await store.page("empty", 10)).toEqual({ messages: [], hasMore: false });
    });

    it("returns exactly the messages after a seq", async () => {
      for (let i = 0; i < 5; i++) await store.append(input());
      expect((await store.after("general", 2, 100)).map((m) => m.seq)).toEqual([3, 4, 5]);
      expect(await store.after("general", 5, 100)).toEqual([]);
    });

    it("lists rooms and keeps user names up to date", async () => {
      await store.ensureRoom("b-room");
      await store.ensureRoom("a-room");
      expect((await store.listRooms()).map((r) => r.room)).toEqual(["a-room", "b-room"]);
      await store.upsertUser({ ...alice, name: "Alicia" });
      expect(await store.getUser(alice.id)).toEqual({ ...alice, name: "Alicia" });
    });

    it("pages and searches the public rooms, never listing DM rooms", async () => {
      for (const name of ["b-room", "a-room", "Alpha", "dm:u_1:u_2", "zeta"]) {
        await store.ensureRoom(name);
      }
      const names = async (q: Parameters<Store["listPublicRooms"]>[0]) =>
        (await store.listPublicRooms(q)).map((r) => r.room);
      const all = await names({ limit: 100 });
      expect(all).not.toContain("dm:u_1:u_2");
      expect(all).toEqual([...all].sort());
      const first = await names({ limit: 2 });
      const second = await names({ after: first.at(-1) ?? "", limit: 2 });
      expect([...first, ...second]).toEqual(all.slice(0, 4));
      expect(await names({ query: "ALP", limit: 10 })).toEqual(["Alpha"]);
      expect(await names({ query: "room", limit: 10 })).toEqual(["a-room", "b-room"]);
      expect(await store.countRooms()).toBeGreaterThanOrEqual(5);
    });

    it("deletes rooms that never stored a message, except those kept and those too new", async () => {
      await store.ensureRoom("empty-old");
      await store.ensureRoom("empty-kept");
      await store.append(input({ room: "used", cid: "used-1" }));
      const before = await store.countRooms();
      const deleted = await store.deleteEmptyRooms(Date.now() + 1000, ["empty-kept", "general"]);
      expect(deleted).toContain("empty-old");
      expect(deleted).not.toContain("used");
      expect(deleted).not.toContain("empty-kept");
      expect(await store.getRoom("empty-old")).toBeUndefined();
      expect(await store.getRoom("used")).toBeDefined();
      expect(await store.countRooms()).toBe(before - deleted.length);
      expect(await store.deleteEmptyRooms(0, [])).toEqual([]);
    });

    it("deletes messages stored before a time, in bounded batches, keeping the room's seq", async () => {
      for (let i = 0; i < 5; i += 1) await store.append(input({ room: "old", ts: 100 + i }));
      await store.append(input({ room: "old", ts: 10_000 }));
      expect(await store.deleteMessagesBefore(103, 2)).toBe(2);
      expect(await store.deleteMessagesBefore(103, 100)).toBe(1);
      expect(await store.deleteMessagesBefore(103, 100)).toBe(0);
      const { messages } = await store.page("old", 100);
      expect(messages.map((m) => m.ts)).toEqual([103, 104, 10_000]);
      expect((await store.getRoom("old"))?.seq).toBe(6);
    });

    it("edits only the author's message, keeping its seq, and pages show the new text", async () => {
      const { message } = await store.append(input({ text: "tpyo" }));
      const change = { room: "general", id: message.id };
      expect(
        await store.editMessage({ ...change, userId: bob.id, text: "x", editedAt: 9 }),
      ).toEqual({ status: "not_author" });
      const edited = await store.editMessage({
        ...change,
        userId: alice.id,
        text: "typo",
        editedAt: 9,
      });
      expect(edited).toEqual({
        status: "ok",
        message: { ...message, text: "typo", editedAt: 9 },
        changeSeq: 1,
      });
      expect((await store.page("general", 10)).messages).toEqual([
        { ...message, text: "typo", editedAt: 9 },
      ]);
      expect(
        await store.editMessage({
          room: "other",
          id: message.id,
          userId: alice.id,
          text: "y",
          editedAt: 10,
        }),
      ).toEqual({ status: "not_found" });
    });

    it("deletes only the author's message: empty text, deleted flag, idempotent, no more edits", async () => {
      const { message } = await store.append(input({ text: "oops" }));
      const change = { room: "general", id: message.id };
      expect(await store.deleteMessage({ ...change, userId: bob.id })).toEqual({
        status: "not_author",
      });
      const deleted = { ...message, text: "", deleted: true };
      expect(await store.deleteMessage({ ...change, userId: alice.id })).toEqual({
        status: "ok",
        message: deleted,
        changeSeq: 1,
      });
      // A repeat changes nothing, so it logs no change.
      expect(await store.deleteMessage({ ...change, userId: alice.id })).toEqual({
        status: "ok",
        message: deleted,
      });
      expect(await store.after("general", 0, 10)).toEqual([deleted]);
      expect(
        await store.editMessage({ ...change, userId: alice.id, text: "back", editedAt: 9 }),
      ).toEqual({
        status: "not_found",
      });
      expect(await store.deleteMessage({ ...change, id: "m_none", userId: alice.id })).toEqual({
        status: "not_found",
      });
    });

    it("lists exactly the DM rooms a user takes part in", async () => {
      const ab = `dm:${alice.id}:${bob.id}`;
      // An id that extends Alice's must not match her.
      const longer = `dm:${alice.id}x:${bob.id}`;
      for (const room of [ab, longer, "general"]) await store.ensureRoom(room);
      expect((await store.listDmRooms(alice.id)).map((r) => r.room)).toEqual([ab]);
      expect((await store.listDmRooms(bob.id)).map((r) => r.room)).toEqual([ab, longer]);
    });

    it("reads a room and the user's DM rooms in one call, as getRoom and listDmRooms would", async () => {
      const ab = `dm:${alice.id}:${bob.id}`;
      const longer = `dm:${alice.id}x:${bob.id}`;
      for (const room of [ab, longer, "general"]) await store.ensureRoom(room);
      for (const [room, user] of [
        ["general", alice.id],
        ["general", bob.id],
        [ab, alice.id],
        ["nowhere", bob.id],
        ["nowhere", "u_nobodyatallhere"],
      ] as const) {
        expect(await store.joinReads.roomAndDms(room, user)).toEqual({
          room: await store.getRoom(room),
          dms: await store.listDmRooms(user),
        });
      }
      expect((await store.joinReads.roomAndDms("general", bob.id)).dms.map((r) => r.room)).toEqual([
        ab,
        longer,
      ]);
    });
  });
}
