import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { SearchOptions, SearchReply } from "@duplex/client";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { SearchPanel } from "./SearchPanel.js";
import { SearchProvider } from "./searchContext.js";

const hitOld = chatMessage(BOB, "我们今天开会吧", { id: "m_old", seq: 3, room: "ops" });
const hitNew = chatMessage(ALICE, "开会 at noon, 开会!", { id: "m_new", seq: 9 });

function setup(answer: (query: string, options: SearchOptions) => Promise<SearchReply>) {
  const search = vi.fn(answer);
  const rendered = renderSignedIn(
    <SearchProvider search={search}>
      <SearchPanel />
    </SearchProvider>,
  );
  return { ...rendered, search };
}

const reply = (over: Partial<SearchReply> = {}): SearchReply => ({
  type: "search_results",
  hits: [
    {
      message: hitNew,
      ranges: [
        [0, 2],
        [12, 14],
      ],
    },
    { message: hitOld, ranges: [[4, 6]] },
  ],
  ...over,
});

describe("message search panel", () => {
  it("searches on Enter and shows each hit with its matches marked, as text", async () => {
    const { search } = setup(async () => reply());
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await userEvent.type(screen.getByRole("searchbox", { name: "Words to find" }), "开会{Enter}");
    expect(search).toHaveBeenCalledWith("开会", { limit: 20 });
    const list = await screen.findByRole("list", { name: "Search results" });
    const items = within(list).getAllByRole("button");
    expect(items).toHaveLength(2);
    expect([...items[0]!.querySelectorAll("mark")].map((m) => m.textContent)).toEqual([
      "开会",
      "开会",
    ]);
    expect(items[1]!.querySelector(".search-hit-text")?.innerHTML).toBe(
      "我们今天<mark>开会</mark>吧",
    );
    expect(screen.getByRole("status").textContent).toBe("2 messages found");
  });

  it("narrows by person among the authors found, asking the server again", async () => {
    const { search } = setup(async (_q, options) =>
      options.author === BOB.id
        ? reply({ hits: [{ message: hitOld, ranges: [[4, 6]] }] })
        : reply(),
    );
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await userEvent.type(screen.getByRole("searchbox"), "开会{Enter}");
    await screen.findByRole("list", { name: "Search results" });
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Person" }), BOB.id);
    expect(search).toHaveBeenLastCalledWith("开会", { limit: 20, author: BOB.id });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 message found"));
  });

  it("opens a hit: joins its room and focuses the message there, closing the panel", async () => {
    const { client, store } = setup(async () => reply());
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await userEvent.type(screen.getByRole("searchbox"), "开会{Enter}");
    const list = await screen.findByRole("list", { name: "Search results" });
    await userEvent.click(within(list).getAllByRole("button")[1]!);
    expect(client.calls).toContain("join ops");
    expect(store.getState().notifications.focus).toMatchObject({
      room: "ops",
      messageId: "m_old",
      seq: 3,
    });
    expect(screen.queryByRole("region", { name: "Search messages" })).toBeNull();
  });

  it("follows empty pages of a short query, and says so when searching too fast", async () => {
    let calls = 0;
    const { search } = setup(async () => {
      calls += 1;
      if (calls === 1) return { type: "search_results", hits: [], nextCursor: "c1" };
      if (calls === 2) return reply({ nextCursor: "c2" });
      throw Object.assign(new Error("slow down"), { code: "rate_limited" });
    });
    await userEvent.click(screen.getByRole("button", { name: "Search" }));
    await userEvent.type(screen.getByRole("searchbox"), "会{Enter}");
    await screen.findByRole("list", { name: "Search results" });
    expect(search).toHaveBeenNthCalledWith(2, "会", { limit: 20, cursor: "c1" });
    await userEvent.click(screen.getByRole("button", { name: "Search older messages" }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Searching too fast; try again in a moment.",
      ),
    );
  });

  it("closes on Escape and gives focus back to its button", async () => {
    setup(async () => reply());
    const toggle = screen.getByRole("button", { name: "Search" });
    await userEvent.click(toggle);
    expect(screen.getByRole("searchbox")).toBe(document.activeElement);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("searchbox")).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });
});
