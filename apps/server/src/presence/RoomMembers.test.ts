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
});
