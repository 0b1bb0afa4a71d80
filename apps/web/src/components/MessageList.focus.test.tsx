import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { MessageList, WINDOW_ROWS } from "./MessageList.js";

describe("opening an old message", () => {
  it("renders the rows around a message far older than the window, so it can be shown", () => {
    const rendered = renderWithStore(<MessageList room="general" />);
    const { client, store } = rendered;
    act(() => signedIn(rendered, ALICE.name, ALICE.id));
    const count = WINDOW_ROWS + 40;
    act(() =>
      client.deliver(
        "general",
        Array.from({ length: count }, (_, i) =>
          chatMessage(BOB, `message number ${i + 1}`, { seq: i + 1, id: `old${i + 1}` }),
        ),
      ),
    );
    // A row also holds its actions (Reply, reactions, thread): compare the message's own text.
    const rendersText = (text: string) =>
      within(screen.getByRole("log"))
        .queryAllByRole("listitem")
        .some((li) => li.querySelector(".message-text")?.textContent === text);
    expect(rendersText("message number 12")).toBe(false);

    act(() =>
      store.setState((s) => ({
        notifications: {
          ...s.notifications,
          focus: { room: "general", messageId: "old12", seq: 12, status: "ready", nonce: 1 },
        },
      })),
    );

    expect(rendersText("message number 12")).toBe(true);
    // With context above it, and everything after it still there to scroll down to.
    expect(rendersText("message number 1")).toBe(true);
    expect(rendersText(`message number ${count}`)).toBe(true);
  });
});
