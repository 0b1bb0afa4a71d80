import { describe, expect, it } from "vitest";
import { EMPTY_ROOM, presenceJoin, presenceLeave, presenceMembers } from "./presenceReducer.js";

const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };

describe("presence reducer", () => {
  it("announces a user's first socket only", () => {
    const one = presenceJoin(EMPTY_ROOM, alice, "c1");
    const two = presenceJoin(one.state, alice, "c2");
    expect(one.first).toBe(true);
    expect(two.first).toBe(false);
    expect(presenceMembers(two.state)).toEqual([alice]);
  });

  it("announces the leave of the last socket only", () => {
    let state = presenceJoin(EMPTY_ROOM, alice, "c1").state;
    state = presenceJoin(state, alice, "c2").state;
    const first = presenceLeave(state, alice.id, "c1");
    expect(first.last).toBe(false);
    const second = presenceLeave(first.state, alice.id, "c2");
    expect(second).toMatchObject({ last: true, user: alice });
    expect(presenceMembers(second.state)).toEqual([]);
  });

  it("ignores a repeated join and an unknown leave", () => {
    const { state } = presenceJoin(EMPTY_ROOM, alice, "c1");
    expect(presenceJoin(state, alice, "c1")).toEqual({ state, first: false });
    expect(presenceLeave(state, bob.id, "c9")).toEqual({ state, last: false });
    expect(presenceLeave(state, alice.id, "c9")).toEqual({ state, last: false });
  });

  it("does not mutate the state it was given", () => {
    const { state } = presenceJoin(EMPTY_ROOM, alice, "c1");
    presenceJoin(state, bob, "c2");
    presenceLeave(state, alice.id, "c1");
    expect(presenceMembers(state)).toEqual([alice]);
    expect(EMPTY_ROOM.size).toBe(0);
  });
});
