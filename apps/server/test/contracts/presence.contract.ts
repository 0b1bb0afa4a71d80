import { describe, expect, it } from "vitest";
import type { Presence } from "../../src/presence/Presence.js";
import { alice, bob, freshEachTest } from "./contractFixtures.js";

/** The behaviour every {@link Presence} must have. */
export function presenceContract(name: string, create: () => Promise<Presence>): void {
  describe(`Presence contract: ${name}`, () => {
    let presence: Presence;
    freshEachTest(create, (p) => (presence = p));

    it("counts a user with two sockets as one member, leaving with the last socket", async () => {
      expect(await presence.join("general", alice, "c1")).toEqual({ first: true });
      expect(await presence.join("general", alice, "c2")).toEqual({ first: false });
      expect(await presence.members("general")).toEqual([alice]);
      expect((await presence.leave("general", alice.id, "c1")).last).toBe(false);
      expect(await presence.leave("general", alice.id, "c2")).toEqual({ last: true, user: alice });
      expect(await presence.members("general")).toEqual([]);
    });

    it("keeps rooms apart and counts online members per room", async () => {
      await presence.join("a", alice, "c1");
      await presence.join("a", bob, "c2");
      await presence.join("b", bob, "c3");
      expect(await presence.counts()).toEqual(
        new Map([
          ["a", 2],
          ["b", 1],
        ]),
      );
      await presence.leave("b", bob.id, "c3");
      expect((await presence.counts()).has("b")).toBe(false);
    });

    it("[R11] counts members and puts the preferred, then the latest joiners, first", async () => {
      const users = Array.from({ length: 8 }, (_, i) => ({
        id: `u_member0000000${i}`,
        name: `M${i}`,
      }));
      for (const [i, u] of users.entries()) await presence.join("big", u, `c${i}`);
      await presence.join("big", users[0]!, "c0b");
      expect(await presence.count("big")).toBe(8);
      expect(await presence.count("none")).toBe(0);
      const first = await presence.firstPage("big", [users[2]!.id, "u_notherenothere"], 3);
      expect(first.map((u) => u.name)).toEqual(["M2", "M7", "M6"]);
      expect(await presence.firstPage("big", [], 100)).toHaveLength(8);
    });

    it("[R11] pages members in id order with a cursor and a name query", async () => {
      const users = Array.from({ length: 7 }, (_, i) => ({
        id: `u_page00000000${6 - i}`,
        name: i % 2 === 0 ? `Even${i}` : `Odd${i}`,
      }));
      for (const [i, u] of users.entries()) await presence.join("p", u, `c${i}`);
      const one = await presence.page("p", { limit: 3 });
      expect(one.members.map((u) => u.id)).toEqual([
        "u_page000000000",
        "u_page000000001",
        "u_page000000002",
      ]);
      expect(one.next).toBe("u_page000000002");
      const two = await presence.page("p", { limit: 3, cursor: one.next });
      const three = await presence.page("p", { limit: 3, cursor: two.next });
      expect(three).toEqual({ members: [users[0]] });
      const odd = await presence.page("p", { limit: 2, query: "odd" });
      expect(odd.members.map((u) => u.name)).toEqual(["Odd5", "Odd3"]);
      expect(
        (await presence.page("p", { limit: 2, cursor: odd.next, query: "ODD" })).members,
      ).toEqual([users[1]]);
      await presence.leave("p", users[1]!.id, "c1");
      expect((await presence.page("p", { limit: 10, query: "odd" })).members).toHaveLength(2);
    });

    it("treats a leave of an unknown socket as no change", async () => {
      await presence.join("a", alice, "c1");
      expect(await presence.leave("a", alice.id, "nope")).toEqual({ last: false });
      expect(await presence.leave("zzz", alice.id, "c1")).toEqual({ last: false });
      expect(await presence.members("a")).toEqual([alice]);
    });
  });
}
