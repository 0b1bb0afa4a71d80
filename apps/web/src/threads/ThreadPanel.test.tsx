import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "@duplex/protocol";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { MessageList } from "../components/MessageList.js";
import { LazyThreadPanel } from "./LazyThreadPanel.js";

afterEach(() => localStorage.clear());

function setup() {
  const rendered = renderSignedIn(
    <>
      <MessageList room="general" />
      <LazyThreadPanel />
    </>,
  );
  return { ...rendered, user: userEvent.setup() };
}

const summary = (replyCount: number, unread: number) => ({
  replyCount,
  lastReplyAt: 1,
  lastSeq: 3,
  participants: [ALICE.id, BOB.id],
  following: true,
  unread,
});

describe("thread panel", () => {
  it("hides thread-only replies from the room, opens from 'N replies', reads, sends, and closes with Escape", async () => {
    const { client, user } = setup();
    const root = chatMessage(ALICE, "shall we ship?", { seq: 1, threadSummary: summary(2, 2) });
    const inThread = chatMessage(BOB, "only in the thread", { seq: 2, thread: { root: root.id } });
    const inBoth = chatMessage(BOB, "in the room too", {
      seq: 3,
      thread: { root: root.id, alsoToRoom: true },
    });
    act(() => client.deliver("general", [root, inThread, inBoth]));
    expect(await screen.findByText("in the room too")).toBeTruthy();
    expect(screen.queryByText("only in the thread")).toBeNull();

    const opener = screen.getByRole("button", { name: "2 replies 2 new" });
    await user.click(opener);
    expect(client.calls).toContain(`thread general ${root.id}`);
    const panel = await screen.findByRole("complementary", { name: "Thread" });
    expect(within(panel).getByText("Loading the thread…")).toBeTruthy();
    act(() =>
      client.threadRequests[0]?.answer({
        type: "thread",
        room: "general",
        root,
        replies: [inThread, inBoth],
        hasMore: false,
        read: { seq: 1, unread: 2 },
      }),
    );
    expect(await within(panel).findByText("only in the thread")).toBeTruthy();
    expect(within(panel).getByText("also sent to the room")).toBeTruthy();
    // Opening it reads it up to the newest reply; the server's answer clears the badge.
    expect(client.threadReads).toEqual([`general ${root.id} 3`]);
    act(() =>
      client.emit("message", {
        type: "thread_read",
        room: "general",
        root: root.id,
        seq: 3,
        unread: 0,
      }),
    );
    expect(screen.getByRole("button", { name: "2 replies" })).toBeTruthy();

    // Its own composer: focused on open, "Also send to the room" goes with the reply.
    const box = within(panel).getByRole("textbox", { name: "Reply in this thread" });
    expect(document.activeElement).toBe(box);
    await user.type(box, "agreed");
    await user.click(within(panel).getByRole("checkbox", { name: "Also send to the room" }));
    await user.click(within(panel).getByRole("button", { name: "Send" }));
    expect(client.calls).toContain(`send general agreed thread ${root.id} alsoToRoom`);

    // A live reply from Bob lands in the open thread and is read at once.
    const live: ChatMessage = chatMessage(BOB, "live one", { seq: 4, thread: { root: root.id } });
    act(() => client.emit("message", { type: "message", ...live }));
    expect(await within(panel).findByText("live one")).toBeTruthy();
    expect(client.threadReads.at(-1)).toBe(`general ${root.id} 4`);

    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("complementary")).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "2 replies" }));
  }, 20_000);

  it("counts a live reply as unread in a followed thread that is not open, and offers 'Reply in thread'", async () => {
    const { client } = setup();
    const root = chatMessage(ALICE, "mine", { seq: 1 });
    act(() => client.deliver("general", [root]));
    expect(await screen.findByRole("button", { name: "Reply in thread" })).toBeTruthy();
    const reply = chatMessage(BOB, "answer", { seq: 2, thread: { root: root.id } });
    act(() => {
      client.emit("message", { type: "message", ...reply });
      client.emit("message", {
        type: "thread_summary",
        room: "general",
        root: root.id,
        rootSeq: 1,
        summary: { replyCount: 1, lastReplyAt: 1, lastSeq: 2, participants: [ALICE.id, BOB.id] },
      });
    });
    expect(await screen.findByRole("button", { name: "1 reply 1 new" })).toBeTruthy();
  });
});
