import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Presence } from "./Presence.js";

const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };

/** The behaviour every {@link Presence} must have. */
export function presenceContract(name: string, create: () => Promise<Presence>): void {
  describe(`Presence contract: ${name}`, () => {
    let presence: Presence;
    beforeEach(async () => {
      presence = await create();
    });
    afterEach(async () => {
      await presence.close();
    });

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

    it("treats a leave of an unknown socket as no change", async () => {
      await presence.join("a", alice, "c1");
      expect(await presence.leave("a", alice.id, "nope")).toEqual({ last: false });
      expect(await presence.leave("zzz", alice.id, "c1")).toEqual({ last: false });
      expect(await presence.members("a")).toEqual([alice]);
    });
  });
}
