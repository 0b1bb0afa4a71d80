import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { messageItem } from "../test/messageLog.js";
import { MessageList } from "./MessageList.js";

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);

function setup() {
  const rendered = renderSignedIn(<MessageList room="general" />);
  return { ...rendered, user: userEvent.setup() };
}

describe("message text", () => {
  it("links http(s) URLs safely and leaves javascript: as text", () => {
    const { client, container } = setup();
    const text = "see https://example.com/a?b=1. and javascript:alert(1) or <b>bold</b>";
    act(() => client.deliver("general", [chatMessage(BOB, text, { seq: 1 })]));

    const links = within(messageItem("see")).getAllByRole("link");
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link?.getAttribute("href")).toBe("https://example.com/a?b=1");
    expect(link?.getAttribute("target")).toBe("_blank");
    expect(link?.getAttribute("rel")).toBe("noopener noreferrer");
    expect(messageItem("see").textContent).toContain("javascript:alert(1) or <b>bold</b>");
    expect(container.querySelector("b")).toBeNull();
  });

  it("keeps emoji and line breaks as written", () => {
    const { client } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "hi 👋\nsecond 🎉", { seq: 1 })]));
    expect(messageItem("hi").querySelector(".message-text")?.textContent).toBe("hi 👋\nsecond 🎉");
  });

  it("highlights mentions, more strongly when they name us", () => {
    const { client } = setup();
    act(() =>
      client.deliver("general", [chatMessage(BOB, "@alice and @Carol, mail@x.y", { seq: 1 })]),
    );
    const marks = [...messageItem("and").querySelectorAll("mark")];
    expect(marks.map((m) => [m.textContent, m.className])).toEqual([
      ["@alice", "mention mention-me"],
      ["@Carol", "mention"],
    ]);
  });
});

describe("grouping and times", () => {
  it("gives consecutive messages of one sender within a minute one header", () => {
    const { client } = setup();
    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "b1", { seq: 1, ts: T0 }),
        chatMessage(BOB, "b2", { seq: 2, ts: T0 + 20_000 }),
        chatMessage(ALICE, "a1", { seq: 3, ts: T0 + 30_000 }),
        chatMessage(BOB, "b3", { seq: 4, ts: T0 + 40_000 }),
        chatMessage(BOB, "b4", { seq: 5, ts: T0 + 110_000 }),
      ]),
    );
    const headed = ["b1", "b2", "a1", "b3", "b4"].map(
      (t) => messageItem(t).querySelector(".message-sender") !== null,
    );
    expect(headed).toEqual([true, false, true, true, true]);
  });

  it("shows relative times with the absolute time in dateTime and title", () => {
    const { client } = setup();
    const now = Date.now();
    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "fresh", { seq: 1, ts: now - 5_000 }),
        chatMessage(ALICE, "older", { seq: 2, ts: now - 3 * 60_000 - 1_000 }),
      ]),
    );
    const fresh = messageItem("fresh").querySelector("time");
    expect(fresh?.textContent).toBe("just now");
    expect(fresh?.getAttribute("dateTime")).toBe(new Date(now - 5_000).toISOString());
    expect(fresh?.getAttribute("title")).toBeTruthy();
    expect(messageItem("older").querySelector("time")?.textContent).toBe("3 min ago");
  });
});

describe("edit and delete", () => {
  it("edits our own message inline: Enter saves, Escape cancels", async () => {
    const { client, user } = setup();
    act(() => client.deliver("general", [chatMessage(ALICE, "typo here", { seq: 1, id: "m1" })]));
    expect(within(messageItem("typo here")).getByRole("button", { name: "Edit" })).toBeTruthy();

    await user.click(within(messageItem("typo here")).getByRole("button", { name: "Edit" }));
    const box = screen.getByLabelText("Edit text");
    await user.type(box, " again{Escape}");
    expect(screen.queryByLabelText("Edit text")).toBeNull();
    expect(client.calls.some((c) => c.includes('"edit"'))).toBe(false);

    await user.click(within(messageItem("typo here")).getByRole("button", { name: "Edit" }));
    await user.clear(screen.getByLabelText("Edit text"));
    await user.type(screen.getByLabelText("Edit text"), "fixed{Enter}");
    expect(client.calls).toContain(
      `request ${JSON.stringify({ type: "edit", room: "general", id: "m1", text: "fixed" })}`,
    );
  });

  it("offers no edit or delete on others' messages", () => {
    const { client } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "not yours", { seq: 1 })]));
    expect(within(messageItem("not yours")).queryByRole("button", { name: "Edit" })).toBeNull();
    expect(within(messageItem("not yours")).queryByRole("button", { name: "Delete" })).toBeNull();
  });

  it("shows others' edits and deletions live", () => {
    const { client } = setup();
    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "first draft", { seq: 1, id: "m1" }),
        chatMessage(BOB, "regret", { seq: 2, id: "m2" }),
      ]),
    );
    act(() =>
      client.emit("message", {
        type: "edited",
        room: "general",
        id: "m1",
        seq: 1,
        text: "final",
        editedAt: Date.now(),
      }),
    );
    act(() => client.emit("message", { type: "deleted", room: "general", id: "m2", seq: 2 }));

    expect(messageItem("final").textContent).toContain("(edited)");
    expect(screen.queryByText("regret")).toBeNull();
    expect(screen.getByText("This message was deleted")).toBeTruthy();
  });
});
