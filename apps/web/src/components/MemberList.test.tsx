import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB } from "../test/scriptedClient.js";
import { MemberList } from "./MemberList.js";

const CAROL = { id: "u_carol0000000", name: "Carol" };

function names(): string[] {
  return within(screen.getByRole("list", { name: "Members" }))
    .getAllByRole("listitem")
    .map((li) => li.querySelector(".member-name")?.textContent ?? "");
}

function setup() {
  const rendered = renderSignedIn(<MemberList room="general" />);
  act(() => rendered.client.emit("message", joinedMessage("general", [BOB, ALICE])));
  return rendered;
}

describe("MemberList", () => {
  it("shows who is online from the join reply, you first", () => {
    setup();
    expect(names()).toEqual(["Alice (you)", "Bob"]);
    expect(screen.getByRole("heading").textContent).toBe("Online — 2");
  });

  it("adds and removes members live as presence events arrive, once per user", () => {
    const { client } = setup();
    const presence = (event: "join" | "leave", user: typeof CAROL) =>
      client.emit("message", { type: "presence", room: "general", event, user });

    act(() => presence("join", CAROL));
    act(() => presence("join", CAROL));
    expect(names()).toEqual(["Alice (you)", "Bob", "Carol"]);

    act(() => presence("leave", BOB));
    expect(names()).toEqual(["Alice (you)", "Carol"]);
    expect(screen.getByRole("heading").textContent).toBe("Online — 2");
  });

  it("applies a batch of joins and leaves from a presence_diff at once", () => {
    const { client } = setup();
    const dave = { id: "u_dave00000000", name: "Dave" };
    act(() =>
      client.emit("message", {
        type: "presence_diff",
        room: "general",
        joined: [CAROL, dave],
        left: [BOB],
      }),
    );
    expect(names()).toEqual(["Alice (you)", "Carol", "Dave"]);
    expect(screen.getByRole("heading").textContent).toBe("Online — 3");
  });

  it("ignores presence in other rooms", () => {
    const { client } = setup();
    act(() =>
      client.emit("message", { type: "presence", room: "random", event: "join", user: CAROL }),
    );
    expect(names()).toEqual(["Alice (you)", "Bob"]);
  });

  it("opens a DM with another member, named by the protocol's dmRoomId", async () => {
    const user = userEvent.setup();
    const { client, store } = setup();
    expect(screen.queryByRole("button", { name: "Private chat with Alice" })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Private chat with Bob" }));

    const dm = "dm:u_alice000000:u_bob00000000";
    expect(client.calls).toContain(`join ${dm}`);
    expect(store.getState().rooms.current).toBe(dm);
    expect(store.getState().chat.dmPeers[dm]).toEqual(BOB);
  });
});
