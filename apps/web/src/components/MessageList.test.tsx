import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { logRows, logTexts, messageItem } from "../test/messageLog.js";
import { MessageList } from "./MessageList.js";

function setup() {
  const rendered = renderSignedIn(<MessageList room="general" />);
  return rendered;
}

describe("MessageList", () => {
  it("renders message text literally, never as HTML", () => {
    const { client, container } = setup();
    const attack = "<img src=x onerror=alert(1)>";

    act(() => client.deliver("general", [chatMessage(BOB, attack)]));

    expect(within(screen.getByRole("log")).getByText(attack)).toBeTruthy();
    expect(container.querySelector("img")).toBeNull();
  });

  it("shows sender and time, and marks our own messages as ours", () => {
    const { client } = setup();

    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "from bob", { seq: 1 }),
        chatMessage(ALICE, "from me", { seq: 2 }),
      ]),
    );

    const theirs = messageItem("from bob");
    expect(theirs.textContent).toContain("Bob");
    expect(theirs.querySelector("time")).not.toBeNull();
    expect(theirs.textContent).not.toContain("(you)");
    expect(theirs.textContent).not.toContain("Sent");

    const mine = messageItem("from me");
    expect(mine.textContent).toContain("Alice (you)");
    expect(mine.textContent).toContain("Sent");
    expect(mine.className).toContain("message-own");
  });

  it("shows our message as Sending… until the server acks it, then as Sent, once", () => {
    const { client, store } = setup();

    act(() => void store.getState().actions.sendMessage("on its way"));
    expect(messageItem("on its way").textContent).toContain("Sending…");

    const [entry] = client.outbox;
    act(() => client.updateEntry(entry!.cid, { status: "acked" }));
    expect(messageItem("on its way").textContent).toContain("Sent");

    // The stored copy (same cid) arrives in the room and replaces the outbox row.
    act(() =>
      client.deliver("general", [chatMessage(ALICE, "on its way", { seq: 9, cid: entry!.cid })]),
    );
    const rows = logRows().filter((li) => li.textContent?.includes("on its way"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain("Sent");
  });

  it("keeps showing our message as Sent between the ack and its stored copy", () => {
    const { client, store } = setup();
    act(() => void store.getState().actions.sendMessage("no blinking"));
    const cid = client.outbox[0]!.cid;

    // The client keeps the entry acked until the stored copy comes, a frame later.
    act(() => client.ack(cid));
    expect(client.outbox).toEqual([expect.objectContaining({ cid, status: "acked" })]);
    expect(messageItem("no blinking").textContent).toContain("Sent");

    act(() => client.deliver("general", [chatMessage(ALICE, "no blinking", { seq: 5, cid })]));
    expect(messageItem("no blinking").textContent).toContain("Sent");
    expect(store.getState().messages.outbox).toEqual([]);
  });

  it("shows why a message failed", () => {
    const { client, store } = setup();
    act(() => void store.getState().actions.sendMessage("nope"));

    act(() =>
      client.updateEntry(client.outbox[0]!.cid, { status: "failed", error: "rate limited" }),
    );

    expect(messageItem("nope").textContent).toContain("Failed: rate limited");
  });

  it("retries or discards a failed message", async () => {
    const user = userEvent.setup();
    const { client, store } = setup();
    act(() => void store.getState().actions.sendMessage("try again"));
    act(() => void store.getState().actions.sendMessage("forget it"));
    for (const entry of client.outbox) {
      act(() => client.updateEntry(entry.cid, { status: "failed", error: "internal" }));
    }

    await user.click(within(messageItem("try again")).getByRole("button", { name: "Retry" }));
    expect(messageItem("try again").textContent).toContain("Sending…");

    await user.click(within(messageItem("forget it")).getByRole("button", { name: "Discard" }));
    expect(screen.queryByText("forget it")).toBeNull();
  });

  it("lists messages in seq order with pending ones after them", () => {
    const { client, store } = setup();
    act(() => void store.getState().actions.sendMessage("pending one"));
    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "second", { seq: 2 }),
        chatMessage(BOB, "first", { seq: 1 }),
      ]),
    );

    expect(logTexts()).toEqual(["first", "second", "pending one"]);
  });

  it("ignores other rooms' messages", () => {
    const { client } = setup();
    act(() => client.deliver("random", [chatMessage(BOB, "elsewhere", { room: "random" })]));
    expect(screen.getByText("No messages yet. Say hello!")).toBeTruthy();
  });
});
