import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { TYPING_TTL_MS } from "../store/typing.js";
import { TypingIndicator } from "./TypingIndicator.js";

const CAROL = { id: "u_carol0000000", name: "Carol" };
const DAVE = { id: "u_dave00000000", name: "Dave" };

function setup() {
  const rendered = renderSignedIn(<TypingIndicator room="general" />);
  const typing = (user: typeof BOB, room = "general") =>
    act(() => rendered.client.emit("message", { type: "typing", room, user }));
  const line = () => screen.getByText(/typing|^$/, { selector: ".typing-line" }).textContent;
  return { ...rendered, typing, line };
}

describe("TypingIndicator", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] }));
  afterEach(() => vi.useRealTimers());

  it("names one, then two typists, then says several", () => {
    const { typing, line } = setup();
    expect(line()).toBe("");
    typing(BOB);
    expect(line()).toBe("Bob is typing…");
    typing(CAROL);
    expect(line()).toBe("Bob and Carol are typing…");
    typing(DAVE);
    expect(line()).toBe("Several people are typing…");
  });

  it("never shows ourselves (another tab of ours) nor other rooms' typists", () => {
    const { typing, line } = setup();
    typing(ALICE);
    typing(BOB, "random");
    expect(line()).toBe("");
  });

  it("expires a typist after a few seconds without news, and refreshes on news", () => {
    const { typing, line } = setup();
    typing(BOB);
    act(() => vi.advanceTimersByTime(TYPING_TTL_MS - 1000));
    typing(BOB);
    act(() => vi.advanceTimersByTime(TYPING_TTL_MS - 1000));
    expect(line()).toBe("Bob is typing…");

    act(() => vi.advanceTimersByTime(1000));
    expect(line()).toBe("");
  });

  it("clears a typist whose message arrives", () => {
    const { typing, line, client } = setup();
    typing(BOB);
    act(() => client.deliver("general", [chatMessage(BOB, "done", { seq: 1 })]));
    expect(line()).toBe("");
  });

  it("sends typing at most once per two seconds while we type", () => {
    const { store, client } = setup();
    const sent = () => client.calls.filter((c) => c === "typing general").length;
    const { notifyTyping } = store.getState().actions;

    notifyTyping();
    notifyTyping();
    act(() => vi.advanceTimersByTime(1999));
    notifyTyping();
    expect(sent()).toBe(1);

    act(() => vi.advanceTimersByTime(1));
    notifyTyping();
    expect(sent()).toBe(2);
  });

  it("announces typing again right after we send a message", () => {
    const { store, client } = setup();
    const sent = () => client.calls.filter((c) => c === "typing general").length;
    const { notifyTyping, sendMessage } = store.getState().actions;

    notifyTyping();
    act(() => void sendMessage("done"));
    notifyTyping();
    expect(sent()).toBe(2);
  });
});
