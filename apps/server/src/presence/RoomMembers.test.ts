import { describe, expect, it } from "vitest";
import { RoomMembers } from "./RoomMembers.js";

const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };

describe("RoomMembers", () => {
  it("announces a user's first socket only", () => {
    const room = new RoomMembers();
    expect(room.join(alice, "c1")).toBe(true);
    expect(room.join(alice, "c2")).toBe(false);
    expect(room.join(alice, "c3")).toBe(false);
    expect(room.members()).toEqual([alice]);
  });

  it("announces the leave of the last socket only, whatever the order the tabs close in", () => {
    const room = new RoomMembers();
    room.join(alice, "c1");
    room.join(alice, "c2");
    room.join(alice, "c3");
    expect(room.leave(alice.id, "c2")).toEqual({ last: false });
    expect(room.leave(alice.id, "c1")).toEqual({ last: false });
    expect(room.leave(alice.id, "c3")).toEqual({ last: true, user: alice });
    expect(room.members()).toEqual([]);
    expect(room.size).toBe(0);
  });

  it("ignores a repeated join and an unknown leave", () => {
    const room = new RoomMembers();
    room.join(alice, "c1");
    expect(room.join(alice, "c1")).toBe(false);
    expect(room.leave(bob.id, "c9")).toEqual({ last: false });
    expect(room.leave(alice.id, "c9")).toEqual({ last: false });
    // The repeated join did not count as a second socket: one leave ends the membership.
    expect(room.leave(alice.id, "c1")).toEqual({ last: true, user: alice });
  });

  it("lists each member once, in order of joining", () => {
    const room = new RoomMembers();
    room.join(bob, "c1");
    room.join(alice, "c2");
    room.join(bob, "c3");
    expect(room.members()).toEqual([bob, alice]);
    expect(room.size).toBe(2);
  });

  it("lists each member once in a first page, call after call", () => {
    const room = new RoomMembers();
    const users = Array.from({ length: 5 }, (_, i) => ({
      id: `u_first0000000${i}`,
      name: `F${i}`,
    }));
    for (const [i, user] of users.entries()) room.join(user, `c${i}`);
    // A member who left and came back is twice among the latest joiners.
    room.leave(users[1]!.id, "c1");
    room.join(users[1]!, "c1b");
    const names = (page: { name: string }[]) => page.map((u) => u.name);
    expect(names(room.firstPage([users[3]!.id, users[3]!.id, "u_gone"], 10))).toEqual([
      "F3",
      "F1",
      "F4",
      "F2",
      "F0",
    ]);
    // The same call again: nothing is left marked as taken by the first one.
    expect(names(room.firstPage([users[3]!.id], 10))).toEqual(["F3", "F1", "F4", "F2", "F0"]);
    expect(names(room.firstPage([], 2))).toEqual(["F1", "F4"]);
    // Gone for good: still among the latest joiners, never in a page.
    room.leave(users[4]!.id, "c4");
    expect(names(room.firstPage([users[4]!.id], 10))).toEqual(["F1", "F3", "F2", "F0"]);
  });
});
