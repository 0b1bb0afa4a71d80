import { describe, expect, it } from "vitest";
import { alice, bob, carol, freshStoreEachTest } from "./contractFixtures.js";
import { SearchCursorError, type SearchInput } from "../../src/store/MessageSearch.js";
import type { Store } from "../../src/store/Store.js";

const aliceBob = `dm:${alice.id}:${bob.id}`;
const bobCarol = `dm:${bob.id}:${carol.id}`;

/** The behaviour every `store.search` must have. Call it beside {@link storeContract}. */
export function searchContract(name: string, create: () => Promise<Store>): void {
  describe(`MessageSearch contract: ${name}`, () => {
    let store: Store;
    let n = 0;
    const post = (room: string, userId: string, text: string) => {
      n += 1;
      return store.append({ room, userId, cid: `c${n}`, text, id: `m_${n}`, ts: 1_000 + n });
    };
    const search = (userId: string, query: string, more: Partial<SearchInput> = {}) =>
      store.search.messages({ userId, query, limit: 20, ...more });
    const texts = async (userId: string, query: string, more: Partial<SearchInput> = {}) =>
      (await search(userId, query, more)).hits.map((h) => h.message.text);

    freshStoreEachTest(create, (s) => (store = s), [alice, bob, carol]);

    it("finds a Latin word case-insensitively, newest first, with where it matched", async () => {
      await post("general", alice.id, "Deploy on Friday");
      await post("general", bob.id, "nothing here");
      await post("random", bob.id, "the deploy went fine; deploy again?");
      const page = await search(carol.id, "DEPLOY");
      expect(page.hits.map((h) => [h.message.text, h.ranges])).toEqual([
        [
          "the deploy went fine; deploy again?",
          [
            [4, 10],
            [22, 28],
          ],
        ],
        ["Deploy on Friday", [[0, 6]]],
      ]);
      expect(page.hits[0]?.message.from).toEqual(bob);
      expect(page.nextCursor).toBeUndefined();
    });

    it("reads Chinese: two- and four-character words, without word segmentation", async () => {
      await post("general", alice.id, "我们今天开会吧");
      await post("general", bob.id, "明天开始放假");
      await post("general", bob.id, "会议改到下午");
      const four = await search(carol.id, "今天开会");
      expect(four.hits.map((h) => [h.message.text, h.ranges])).toEqual([
        ["我们今天开会吧", [[2, 6]]],
      ]);
      expect(await texts(carol.id, "开会")).toEqual(["我们今天开会吧"]);
      expect(await texts(carol.id, "开")).toEqual(["明天开始放假", "我们今天开会吧"]);
      expect(await texts(carol.id, "会议改")).toEqual(["会议改到下午"]);
    });

    it("needs every term, in any order, and takes % and _ literally", async () => {
      await post("general", alice.id, "release notes for 2.0");
      await post("general", alice.id, "notes only");
      await post("general", alice.id, "100% sure, not_yet");
      expect(await texts(bob.id, "notes release")).toEqual(["release notes for 2.0"]);
      expect(await texts(bob.id, "%")).toEqual(["100% sure, not_yet"]);
      expect(await texts(bob.id, "t_y")).toEqual(["100% sure, not_yet"]);
      expect(await texts(bob.id, "   ")).toEqual([]);
    });

    it("never shows a private room to an outsider, nor another pair's DM", async () => {
      expect(await store.access.createPrivate("secret", alice.id, "e1", 1)).toBe(true);
      await store.access.addMember("secret", bob.id, 2);
      await post("secret", alice.id, "launch codes 密码");
      await post(aliceBob, alice.id, "launch party 密码");
      await post(bobCarol, carol.id, "launch lunch 密码");
      await post("general", bob.id, "launch day 密码");
      for (const q of ["launch", "密码"]) {
        expect(await texts(alice.id, q)).toHaveLength(3);
        expect(await texts(bob.id, q)).toHaveLength(4);
        expect(await texts(carol.id, q)).toEqual(["launch day 密码", "launch lunch 密码"]);
      }
      await store.access.removeMember("secret", bob.id);
      expect(await texts(bob.id, "codes")).toEqual([]);
      expect(await texts(carol.id, "codes")).toEqual([]);
      expect(await texts(carol.id, "party")).toEqual([]);
    });

    it("never finds a deleted message, and finds an edited one by its new text only", async () => {
      const kept = await post("general", alice.id, "typo in the plan");
      const gone = await post("general", alice.id, "secret plan 计划");
      await store.editMessage({
        room: "general",
        id: kept.message.id,
        userId: alice.id,
        text: "fixed wording 计划",
        editedAt: 5_000,
      });
      await store.deleteMessage({ room: "general", id: gone.message.id, userId: alice.id });
      expect(await texts(bob.id, "plan")).toEqual([]);
      expect(await texts(bob.id, "typo")).toEqual([]);
      expect(await texts(bob.id, "wording")).toEqual(["fixed wording 计划"]);
      expect(await texts(bob.id, "计划")).toEqual(["fixed wording 计划"]);
      const [hit] = (await search(bob.id, "wording")).hits;
      expect(hit?.message.editedAt).toBe(5_000);
    });

    it("filters by room, author and time", async () => {
      const first = await post("general", alice.id, "standup notes");
      await post("random", alice.id, "standup moved");
      const third = await post("general", bob.id, "standup done");
      expect(await texts(carol.id, "standup", { room: "general" })).toEqual([
        "standup done",
        "standup notes",
      ]);
      expect(await texts(carol.id, "standup", { author: alice.id })).toEqual([
        "standup moved",
        "standup notes",
      ]);
      const window = { after: first.message.ts + 1, before: third.message.ts };
      expect(await texts(carol.id, "standup", window)).toEqual(["standup moved"]);
      expect(await texts(carol.id, "站", window)).toEqual([]);
    });

    it("pages newest first through every hit, once each, for long and short queries", async () => {
      for (let i = 1; i <= 7; i += 1) {
        await post(i % 2 ? "general" : "random", alice.id, `周报 report ${i}`);
        await post("general", bob.id, `noise ${i}`);
      }
      for (const query of ["report", "周报"]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 10; pages += 1) {
          const page = await search(carol.id, query, { limit: 3, ...(cursor && { cursor }) });
          seen.push(...page.hits.map((h) => h.message.text.slice(-1)));
          cursor = page.nextCursor;
          if (cursor === undefined) break;
        }
        expect(seen).toEqual(["7", "6", "5", "4", "3", "2", "1"]);
      }
    });

    it("refuses a cursor it did not make", async () => {
      await expect(search(alice.id, "report", { cursor: "bogus" })).rejects.toThrow(
        SearchCursorError,
      );
      await expect(search(alice.id, "报", { cursor: "WyJ4Il0" })).rejects.toThrow(
        SearchCursorError,
      );
    });
  });
}
