import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerMessageOf } from "@duplex/protocol";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { MessageList } from "../components/MessageList.js";
import { Composer } from "../components/Composer.js";
import { ReplyDraftProvider } from "./replyDraft.js";

afterEach(() => localStorage.clear());

function setup() {
  const rendered = renderSignedIn(
    <ReplyDraftProvider>
      <MessageList room="general" />
      <Composer room="general" />
    </ReplyDraftProvider>,
  );
  return { ...rendered, user: userEvent.setup() };
}

const reacts = (calls: readonly string[]) =>
  calls.filter((c) => c.startsWith("request ")).map((c) => JSON.parse(c.slice(8)) as unknown);

function reaction(extra: Partial<ServerMessageOf<"reaction">>): ServerMessageOf<"reaction"> {
  return {
    type: "reaction",
    room: "general",
    messageId: "m1",
    emoji: "👍",
    user: BOB,
    on: true,
    count: 1,
    ...extra,
  };
}

describe("reaction chips", () => {
  it("shows counts, pressed state and who reacted; a click toggles ours; live events update", async () => {
    const { client, user } = setup();
    act(() =>
      client.deliver("general", [
        chatMessage(BOB, "ship it", {
          seq: 1,
          reactions: [{ emoji: "👍", count: 2, me: true, users: ["Alice", "Bob"] }],
        }),
      ]),
    );
    const chip = await screen.findByRole("button", { name: "👍 2: Alice, Bob" });
    expect(chip.getAttribute("aria-pressed")).toBe("true");
    await user.click(chip);
    expect(reacts(client.calls)).toEqual([
      { type: "react", room: "general", messageId: "m1", emoji: "👍", on: false },
    ]);
    // Our own reaction comes back as an event: the chip is released and counts one.
    act(() => client.emit("message", reaction({ user: ALICE, on: false, count: 1 })));
    const after = screen.getByRole("button", { name: "👍 1: Bob" });
    expect(after.getAttribute("aria-pressed")).toBe("false");
    // Someone else's new emoji appears after it.
    act(() => client.emit("message", reaction({ emoji: "🎉", count: 1 })));
    expect(screen.getByRole("button", { name: "🎉 1: Bob" })).toBeTruthy();
  });
});

describe("emoji picker", () => {
  it("finds emoji by English or 中文 words, moves with arrows, picks with Enter, closes with Escape", async () => {
    const { client, user } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "hello", { seq: 1 })]));
    const opener = await screen.findByRole("button", { name: "Add reaction" });
    await user.click(opener);
    const picker = await screen.findByRole("dialog", { name: "Pick an emoji" });
    const grid = within(picker).getByRole("group");
    await waitFor(() => expect(within(grid).getAllByRole("button").length).toBeGreaterThan(50));

    // Arrows move focus in the grid (8 a row); Escape closes and gives focus back to the opener.
    await user.keyboard("{ArrowDown}");
    const buttons = within(grid).getAllByRole("button");
    expect(document.activeElement).toBe(buttons[0]);
    await user.keyboard("{ArrowRight}{ArrowDown}");
    expect(document.activeElement).toBe(buttons[9]);
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(opener);

    await user.click(opener);
    const search = await screen.findByRole("searchbox", { name: "Search emoji" });
    await user.type(search, "赞");
    await waitFor(() =>
      expect(within(screen.getByRole("group")).getAllByRole("button")[0]?.textContent).toBe("👍"),
    );
    await user.keyboard("{Enter}");
    expect(reacts(client.calls)).toEqual([
      { type: "react", room: "general", messageId: "m1", emoji: "👍", on: true },
    ]);
    expect(document.activeElement).toBe(opener);

    // The emoji just used comes first next time.
    await user.click(opener);
    const again = await screen.findByRole("dialog");
    await waitFor(() => expect(within(again).getAllByRole("button")[0]?.textContent).toBe("👍"));
  });
});

describe("replies", () => {
  it("quotes the message above the composer, Escape cancels, a send carries replyTo", async () => {
    const { client, user } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "lunch at noon?", { seq: 1 })]));
    await user.click(await screen.findByRole("button", { name: "Reply" }));
    expect(screen.getByRole("status").textContent).toContain("Replying to Bob");
    const box = screen.getByRole("textbox");
    expect(document.activeElement).toBe(box);
    await user.keyboard("{Escape}");
    expect(screen.queryByText("Replying to Bob")).toBeNull();

    await user.click(screen.getByRole("button", { name: "Reply" }));
    await user.type(box, "yes{Enter}");
    expect(client.calls).toContain("send general yes replyTo m1");
    expect(screen.queryByText("Replying to Bob")).toBeNull();
  });

  it("a blank reply sends nothing and keeps the quote", async () => {
    const { client, user } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "lunch at noon?", { seq: 1 })]));
    await user.click(await screen.findByRole("button", { name: "Reply" }));
    await user.type(screen.getByRole("textbox"), "   {Enter}");
    expect(client.calls.filter((call) => call.startsWith("send "))).toEqual([]);
    expect(screen.getByRole("status").textContent).toContain("Replying to Bob");
  });

  it("the quote in a reply opens the original", async () => {
    const { client, user, store } = setup();
    act(() =>
      client.deliver("general", [
        chatMessage(ALICE, "sure", {
          seq: 90,
          replyTo: { messageId: "m3", seq: 3, from: BOB, excerpt: "lunch at noon?" },
        }),
      ]),
    );
    await user.click(
      await screen.findByRole("button", {
        name: "Show the message by Bob this replies to: lunch at noon?",
      }),
    );
    expect(store.getState().notifications.focus).toMatchObject({
      room: "general",
      messageId: "m3",
      seq: 3,
    });
  });
});

describe("formatting", () => {
  it("renders bold, italic, code, fenced code, quotes and lists as elements", async () => {
    const { client, container } = setup();
    const text = "**bold** _it_ `x<y`\n\n```\nconst a = 1;\n```\n\n> quoted\n\n- one\n- two";
    act(() => client.deliver("general", [chatMessage(BOB, text, { seq: 1 })]));
    await waitFor(() => expect(container.querySelector("strong")?.textContent).toBe("bold"));
    expect(container.querySelector("em")?.textContent).toBe("it");
    expect(container.querySelector("p code")?.textContent).toBe("x<y");
    expect(container.querySelector("pre code")?.textContent).toBe("const a = 1;");
    expect(container.querySelector("blockquote")?.textContent).toBe("quoted");
    expect([...container.querySelectorAll("ul li")].map((li) => li.textContent)).toEqual([
      "one",
      "two",
    ]);
  });

  it("never turns hostile input into markup or script links; mentions and URLs still work", async () => {
    const { client, container } = setup();
    const text =
      "**@alice** see <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) https://example.com\n\n<script>alert(2)</script>";
    act(() => client.deliver("general", [chatMessage(BOB, text, { seq: 1 })]));
    await waitFor(() => expect(container.querySelector("strong")).not.toBeNull());
    expect(container.querySelector("script, img")).toBeNull();
    const hrefs = [...container.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(["https://example.com"]);
    expect(container.textContent).toContain("<script>alert(1)</script>");
    expect(container.textContent).toContain("<script>alert(2)</script>");
    expect(container.querySelector("strong mark")?.className).toBe("mention mention-me");
  });
});
