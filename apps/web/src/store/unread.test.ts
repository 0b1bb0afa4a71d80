import { describe, expect, it } from "vitest";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { applyServerRead, countUnread, markSeen, type UnreadState } from "./unread.js";

const empty: UnreadState = { counts: {}, seenSeq: {} };
const dm = "dm:u_alice000000:u_bob00000000";

describe("countUnread", () => {
  it("treats the first page of a public room as history, not news", () => {
    const state = countUnread(
      empty,
      "random",
      [chatMessage(BOB, "old", { seq: 5 })],
      true,
      "general",
      ALICE.id,
    );
    expect(state.counts.random ?? 0).toBe(0);
    expect(state.seenSeq.random).toBe(5);
  });

  it("counts the first page of a DM someone opened with us", () => {
    const state = countUnread(
      empty,
      dm,
      [chatMessage(BOB, "psst", { seq: 1, room: dm })],
      true,
      "general",
      ALICE.id,
    );
    expect(state.counts[dm]).toBe(1);
  });

  it("ignores deleted messages and messages at or below the last seen seq", () => {
    const seen = markSeen(empty, "random", 3);
    const state = countUnread(
      seen,
      "random",
      [
        chatMessage(BOB, "seen", { seq: 3 }),
        chatMessage(BOB, "gone", { seq: 4, deleted: true }),
        chatMessage(BOB, "new", { seq: 5 }),
      ],
      false,
      "general",
      ALICE.id,
    );
    expect(state.counts.random).toBe(1);
  });
});

describe("applyServerRead", () => {
  it("takes the server's count as the truth, and never moves the seen seq back", () => {
    const state = { counts: { general: 7 }, seenSeq: { general: 20 } };
    expect(applyServerRead(state, "general", 15, 2, 18)).toEqual({
      counts: { general: 2 },
      seenSeq: { general: 20 },
    });
    expect(applyServerRead(state, "ops", 3, 1, 4)).toEqual({
      counts: { general: 7, ops: 1 },
      seenSeq: { general: 20, ops: 4 },
    });
  });
});
