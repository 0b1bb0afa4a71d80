import { act, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { logTexts } from "../test/messageLog.js";
import { MessageList } from "./MessageList.js";

const ROW_PX = 40;

/** jsdom does no layout: give the log a height of 40 px per row and a 400 px viewport. */
function fakeLayout(log: HTMLElement) {
  let scrollTop = 0;
  let rowPx = ROW_PX;
  const height = () => log.querySelectorAll("li").length * rowPx;
  Object.defineProperties(log, {
    scrollHeight: { configurable: true, get: height },
    clientHeight: { configurable: true, get: () => 400 },
    scrollTop: {
      configurable: true,
      get: () => scrollTop,
      set: (v: number) => (scrollTop = Math.max(0, Math.min(v, height() - 400))),
    },
  });
  return {
    scrollTo(top: number) {
      log.scrollTop = top;
      fireEvent.scroll(log);
    },
    /** Every row becomes this tall, as when a lazily loaded part of each row arrives. */
    growRows(px: number) {
      rowPx = px;
    },
  };
}

const page = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    chatMessage(BOB, `message ${from + i}`, { seq: from + i }),
  );

function setup(initial = page(51, 100), hasMore = true) {
  const rendered = renderSignedIn(<MessageList room="general" />);
  // Laid out before the page arrives, so the log opens scrolled to its bottom as in a browser.
  const log = screen.getByRole("log");
  const layout = fakeLayout(log);
  act(() => {
    rendered.client.emit("message", joinedMessage("general", [ALICE, BOB], initial, hasMore));
    rendered.client.deliver("general", initial, true);
  });
  return { ...rendered, log, layout };
}

describe("MessageList history", () => {
  it("asks for the page before the oldest message when scrolled to the top, and prepends it", async () => {
    const { client, layout } = setup();
    act(() => layout.scrollTo(0));
    expect(client.calls).toContain("history general 51");

    // A second scroll while the page is loading asks nothing more.
    act(() => layout.scrollTo(0));
    expect(client.calls.filter((c) => c.startsWith("history"))).toHaveLength(1);

    await act(async () => client.answerHistory(page(1, 50), false));

    expect(logTexts()[0]).toBe("message 1");
    expect(logTexts()).toHaveLength(100);
  });

  it("keeps the rows the user was reading in place when older ones are prepended", async () => {
    const { client, layout, log } = setup();
    act(() => layout.scrollTo(10));
    // Above the window edge nothing was loaded yet, so this scroll asked for history.
    await act(async () => client.answerHistory(page(1, 50), true));
    // 50 rows of 40 px went in above: the view moved down by exactly that.
    expect(log.scrollTop).toBe(10 + 50 * ROW_PX);
  });

  it("stops asking once the server says there is nothing older", async () => {
    const { client, layout } = setup();
    act(() => layout.scrollTo(0));
    await act(async () => client.answerHistory(page(1, 50), false));
    act(() => layout.scrollTo(0));
    expect(client.calls.filter((c) => c.startsWith("history"))).toHaveLength(1);
    expect(screen.queryByRole("button", { name: "Load older" })).toBeNull();
  });

  it("offers a Load older button for a short room with more on the server", async () => {
    const user = userEvent.setup();
    const { client } = setup(page(99, 100), true);
    await user.click(screen.getByRole("button", { name: "Load older" }));
    expect(client.calls).toContain("history general 99");
  });

  it("follows new messages at the bottom, and offers a button instead when scrolled up", async () => {
    const user = userEvent.setup();
    const { client, layout, log } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "latest", { seq: 101 })]));
    expect(log.scrollTop).toBe(log.scrollHeight - 400);
    expect(screen.queryByRole("button", { name: /New messages/ })).toBeNull();

    act(() => layout.scrollTo(800));
    act(() => client.deliver("general", [chatMessage(BOB, "newer", { seq: 102 })]));
    expect(log.scrollTop).toBe(800);

    await user.click(screen.getByRole("button", { name: /New messages/ }));
    expect(log.scrollTop).toBe(log.scrollHeight - 400);
    expect(screen.queryByRole("button", { name: /New messages/ })).toBeNull();
  });

  it("opens on the newest message even when rows grow before its own scroll is reported", () => {
    // After a reload the room's page arrives and the log is scrolled to its bottom…
    const { client, layout, log } = setup();
    expect(log.scrollTop).toBe(log.scrollHeight - 400);
    // …then the rows grow (their extras' chunk loaded) before the browser reports that scroll.
    layout.growRows(70);
    act(() => {
      fireEvent.scroll(log);
    });
    expect(log.scrollTop).toBe(log.scrollHeight - 400);
    // Still following: the next message is shown, not announced below.
    act(() => client.deliver("general", [chatMessage(BOB, "latest", { seq: 101 })]));
    expect(log.scrollTop).toBe(log.scrollHeight - 400);
    expect(screen.queryByRole("button", { name: /New messages/ })).toBeNull();
  });
});
