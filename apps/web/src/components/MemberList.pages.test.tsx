import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { User } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB } from "../test/scriptedClient.js";
import { MemberList } from "./MemberList.js";
import { RoomMemberCount } from "./RoomMemberCount.js";

const user = (n: number): User => ({
  id: `u_m${String(n).padStart(11, "0")}`,
  name: `Member ${n}`,
});

function names(): string[] {
  return within(screen.getByRole("list", { name: "Members" }))
    .getAllByRole("listitem")
    .map((li) => li.querySelector(".member-name")?.textContent ?? "");
}

/** Alice in a big room: `joined` carries two of 250 members. */
function setupBig() {
  const rendered = renderSignedIn(
    <>
      <RoomMemberCount room="general" />
      <MemberList room="general" />
    </>,
  );
  act(() =>
    rendered.client.emit("message", {
      ...joinedMessage("general", [ALICE, BOB]),
      memberCount: 250,
    }),
  );
  return rendered;
}

describe("MemberList in a big room", () => {
  it("shows the server's count in the header and the panel, and follows occupancy", () => {
    const { client } = setupBig();
    expect(screen.getByText("250 online")).toBeTruthy();
    expect(screen.getByRole("heading").textContent).toBe("Online — 250");

    act(() => client.emit("message", { type: "occupancy", room: "general", online: 311 }));
    expect(screen.getByText("311 online")).toBeTruthy();
    expect(screen.getByRole("heading").textContent).toBe("Online — 311");

    act(() =>
      client.emit("message", { type: "presence", room: "general", event: "leave", user: BOB }),
    );
    expect(screen.getByText("310 online")).toBeTruthy();
  });

  it("watches the room's members while the list is shown and stops when it goes", () => {
    const { client, unmount } = setupBig();
    expect(client.calls).toContain("watch members general");
    unmount();
    expect(client.calls).toContain("unwatch members general");
  });

  it("pages more members with Show more, merging by id, until none is left", async () => {
    const ui = userEvent.setup();
    const { client } = setupBig();
    await ui.click(screen.getByRole("button", { name: "Show more" }));
    expect(client.calls).toContain("members general {}");
    expect(screen.getByRole("status").textContent).toBe("Loading members…");

    // The page repeats Bob (joined carried him): he is listed once.
    await act(async () =>
      client.memberRequests.shift()?.answer({
        type: "members",
        room: "general",
        members: [BOB, user(1), user(2)],
        count: 250,
        next: user(2).id,
      }),
    );
    expect(names()).toEqual(["Alice (you)", "Bob", "Member 1", "Member 2"]);

    await ui.click(screen.getByRole("button", { name: "Show more" }));
    expect(client.memberRequests[0]?.options).toEqual({ cursor: user(2).id });
    await act(async () =>
      client.memberRequests.shift()?.answer({
        type: "members",
        room: "general",
        members: [user(3)],
        count: 4,
      }),
    );
    expect(names()).toContain("Member 3");
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
    expect(screen.getByRole("heading").textContent).toBe("Online — 5");
  });

  it("says so when a page fails, and Show more tries again", async () => {
    const ui = userEvent.setup();
    const { client } = setupBig();
    await ui.click(screen.getByRole("button", { name: "Show more" }));
    await act(async () => client.memberRequests.shift()?.refuse(new Error("rate_limited")));
    expect(screen.getByRole("status").textContent).toBe("Could not load more members.");
    await ui.click(screen.getByRole("button", { name: "Show more" }));
    expect(client.memberRequests).toHaveLength(1);
  });

  it("pages on scroll near the end of the panel", () => {
    const { client, container } = setupBig();
    const panel = container.querySelector("aside");
    if (!panel) throw new Error("no panel");
    Object.defineProperties(panel, {
      scrollHeight: { value: 1000 },
      clientHeight: { value: 400 },
      scrollTop: { value: 560, writable: true },
    });
    act(() => panel.dispatchEvent(new Event("scroll")));
    expect(client.calls).toContain("members general {}");
  });

  it("searches the server by name and shows only the matches, or says none match", async () => {
    const ui = userEvent.setup();
    const { client } = setupBig();
    await ui.type(screen.getByRole("searchbox", { name: "Search members" }), "ber 7");
    await waitFor(() => expect(client.memberRequests).toHaveLength(1));
    expect(client.memberRequests[0]?.options).toEqual({ query: "ber 7" });
    await act(async () =>
      client.memberRequests.shift()?.answer({
        type: "members",
        room: "general",
        members: [user(7), user(70)],
        count: 250,
      }),
    );
    expect(names()).toEqual(["Member 7", "Member 70"]);
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();

    await ui.type(screen.getByRole("searchbox"), "x");
    await waitFor(() => expect(client.memberRequests).toHaveLength(1));
    await act(async () =>
      client.memberRequests
        .shift()
        ?.answer({ type: "members", room: "general", members: [], count: 250 }),
    );
    expect(screen.getByRole("status").textContent).toBe("No one online matches “ber 7x”.");

    await ui.clear(screen.getByRole("searchbox"));
    expect(names()).toEqual(["Alice (you)", "Bob"]);
  });
});

describe("MemberList in a small room", () => {
  it("counts who it holds and offers no paging when joined carried everyone", () => {
    const rendered = renderSignedIn(
      <>
        <RoomMemberCount room="general" />
        <MemberList room="general" />
      </>,
    );
    act(() => rendered.client.emit("message", joinedMessage("general", [ALICE, BOB])));
    expect(screen.getByText("2 online")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
  });
});
