import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DELETE_UNDO_MS } from "../store/heldDeletes.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, chatMessage } from "../test/scriptedClient.js";
import { MessageList } from "./MessageList.js";
import { Toasts } from "./Toasts.js";

const deleteCall = `request ${JSON.stringify({ type: "delete", room: "general", id: "m7" })}`;

function setup() {
  const rendered = renderSignedIn(
    <>
      <MessageList room="general" />
      <Toasts />
    </>,
  );
  act(() =>
    rendered.client.deliver("general", [
      chatMessage(ALICE, "oops, wrong room", { seq: 1, id: "m7" }),
    ]),
  );
  return rendered;
}

const row = () => within(screen.getByRole("log")).getAllByRole("listitem")[0] as HTMLElement;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("delete with undo", () => {
  it("shows the message deleted at once, with Undo in a toast, and sends the delete only after the undo time", () => {
    const { client } = setup();
    fireEvent.click(within(row()).getByRole("button", { name: "Delete" }));

    expect(row().textContent).toContain("This message was deleted");
    // "Sent" vouches for a text; a deleted message has none.
    expect(row().textContent).not.toContain("Sent");
    const toast = screen.getByRole("article", { name: "Message deleted" });
    expect(
      within(toast).getByRole("button", { name: "Undo deleting: oops, wrong room" }),
    ).toBeTruthy();
    expect(client.calls).not.toContain(deleteCall);

    act(() => vi.advanceTimersByTime(DELETE_UNDO_MS - 1));
    expect(client.calls).not.toContain(deleteCall);
    act(() => vi.advanceTimersByTime(1));
    expect(client.calls).toContain(deleteCall);
    expect(screen.queryByRole("article", { name: "Message deleted" })).toBeNull();
  });

  it("Undo brings the message back and sends nothing", () => {
    const { client } = setup();
    fireEvent.click(within(row()).getByRole("button", { name: "Delete" }));
    fireEvent.click(screen.getByRole("button", { name: /^Undo/ }));

    expect(row().textContent).toContain("oops, wrong room");
    expect(row().textContent).toContain("Sent");
    expect(screen.queryByRole("article", { name: "Message deleted" })).toBeNull();
    act(() => vi.advanceTimersByTime(DELETE_UNDO_MS * 2));
    expect(client.calls).not.toContain(deleteCall);
  });

  it("does not say Sent on a message the server reports deleted", () => {
    const { client } = setup();
    act(() => client.emit("message", { type: "deleted", room: "general", id: "m7", seq: 1 }));
    expect(row().textContent).toContain("This message was deleted");
    expect(row().textContent).not.toContain("Sent");
  });
});
