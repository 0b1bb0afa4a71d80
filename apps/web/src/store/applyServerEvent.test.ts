import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { ALICE, BOB, ScriptedClient, chatMessage } from "../test/scriptedClient.js";
import { joinedMessage } from "../test/chatEvents.js";
import { applyServerEvent } from "./applyServerEvent.js";
import { createDuplexStore } from "./createDuplexStore.js";
import type { DuplexState } from "./state.js";
import type { ServerEvent } from "./serverEvent.js";

// The reducer alone: a state in, one event, the next state and its effects out. The starting state
// comes from the store (not subscribed to anything here), the events are plain data.

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0);

function start(): DuplexState {
  const state = createDuplexStore(new ScriptedClient()).getState();
  return { ...state, session: { name: "Alice", user: ALICE } };
}

function fold(state: DuplexState, ...events: ServerEvent[]) {
  let next = state;
  const effects = [];
  for (const event of events) {
    const applied = applyServerEvent(next, event, NOW);
    next = applied.state;
    effects.push(...applied.effects);
  }
  return { state: next, effects };
}

describe("applyServerEvent", () => {
  it("lists a joined room, its members and page, and reads new messages in the room on screen", () => {
    const first = chatMessage(BOB, "hi", { seq: 1 });
    const { state, effects } = fold(
      start(),
      { type: "message", message: joinedMessage("general", [ALICE, BOB], [first]) },
      { type: "roomMessages", room: "general", messages: [first], reset: true },
    );
    expect(state.rooms.joined).toEqual(["general"]);
    expect(state.chat.members.general).toEqual([ALICE, BOB]);
    expect(state.messages.byRoom.general?.map((m) => m.text)).toEqual(["hi"]);
    expect(effects).toEqual([{ kind: "readCurrent" }]);
  });

  it("returns the very same state for an event that changes nothing", () => {
    const state = start();
    const applied = applyServerEvent(
      state,
      { type: "message", message: { type: "pong", t: 1, serverTime: NOW } },
      NOW,
    );
    expect(applied.state).toBe(state);
    expect(applied.effects).toEqual([]);
  });

  it("shows someone typing and asks for their expiry; our own other tab is not shown", () => {
    const typing = (user: typeof ALICE): ServerEvent => ({
      type: "message",
      message: { type: "typing", room: "general", user },
    });
    const { state, effects } = fold(start(), typing(BOB), typing(ALICE));
    expect(state.chat.typing.general?.map((t) => t.user.name)).toEqual(["Bob"]);
    expect(effects).toEqual([{ kind: "sweepTyping" }]);
  });

  it("on a new connection asks for the saved rooms, then shows the one last on screen", () => {
    const open: ServerEvent = {
      type: "state",
      state: { status: "open", attempt: 0 },
      uploads: true,
    };
    const opened = fold(start(), open);
    expect(opened.effects).toEqual([{ kind: "askRooms" }]);
    expect(opened.state.files.available).toBe(true);

    const restored = fold(opened.state, {
      type: "message",
      message: { type: "rooms", rooms: [], joined: ["general", "ops"], open: "ops" },
    });
    expect(restored.state.rooms.current).toBe("ops");
    expect(restored.effects).toEqual([
      { kind: "join", room: "general" },
      { kind: "join", room: "ops" },
      { kind: "open", room: "ops" },
    ]);
  });

  it("a ban ends the session: back to sign-in with nothing kept, and the client is told to forget", () => {
    const joined = fold(start(), {
      type: "message",
      message: joinedMessage("general", [ALICE], [chatMessage(BOB, "x")]),
    }).state;
    const { state, effects } = fold(joined, {
      type: "state",
      state: {
        status: "closed",
        attempt: 0,
        lastClose: { code: CloseCode.Forbidden, reason: "", retryable: false },
      },
      uploads: undefined,
    });
    expect(state.session).toEqual({ name: undefined, user: undefined, ended: "banned" });
    expect(state.rooms.joined).toEqual([]);
    expect(effects).toEqual([{ kind: "endSession", ended: "banned" }]);
  });

  it("a refused join leaves that room for one we are in and says why", () => {
    const joined = fold(start(), {
      type: "message",
      message: joinedMessage("general", [ALICE]),
    }).state;
    const inSecret = { ...joined, rooms: { ...joined.rooms, current: "secret" } };
    const error = { type: "error", code: "unauthorized", message: "private room" } as const;
    const { state } = fold(inSecret, { type: "joinRefused", room: "secret", error });
    expect(state.rooms.current).toBe("general");
    expect(state.rooms.refused).toEqual({
      room: "secret",
      code: "unauthorized",
      message: "private room",
    });
  });
});
