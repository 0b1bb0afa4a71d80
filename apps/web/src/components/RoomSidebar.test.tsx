import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderSignedIn } from "../test/renderWithStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import { RoomSidebar } from "./RoomSidebar.js";

function setup() {
  const rendered = renderSignedIn(<RoomSidebar />);
  const { client } = rendered;
  act(() => {
    client.emit("message", joinedMessage("general", [ALICE]));
    client.emit("message", joinedMessage("random", [ALICE, BOB]));
    client.deliver("random", [], true);
  });
  return { ...rendered, user: userEvent.setup() };
}

const roomButton = (name: RegExp) =>
  within(screen.getByRole("navigation", { name: "Rooms" })).getByRole("button", { name });

describe("RoomSidebar", () => {
  it("counts messages that arrive in a room that is not open, and clears them when it is viewed", async () => {
    const { client, user } = setup();

    act(() =>
      client.deliver("random", [
        chatMessage(BOB, "one", { room: "random", seq: 1 }),
        chatMessage(BOB, "two", { room: "random", seq: 2 }),
      ]),
    );
    expect(roomButton(/^#random/).textContent).toBe("#random2 unread");

    // A replay of the same messages after a reconnect does not count twice.
    act(() => client.deliver("random", [chatMessage(BOB, "two", { room: "random", seq: 2 })]));
    act(() => client.deliver("random", [chatMessage(BOB, "three", { room: "random", seq: 3 })]));
    expect(roomButton(/^#random/).textContent).toBe("#random3 unread");

    await user.click(roomButton(/^#random/));
    expect(roomButton(/^#random/).textContent).toBe("#random");
    expect(roomButton(/^#random/).getAttribute("aria-current")).toBe("page");
  });

  it("does not count messages in the open room, nor our own elsewhere", () => {
    const { client } = setup();
    act(() => client.deliver("general", [chatMessage(BOB, "here", { seq: 1 })]));
    act(() => client.deliver("random", [chatMessage(ALICE, "mine", { room: "random", seq: 1 })]));
    expect(roomButton(/^#general/).textContent).toBe("#general");
    expect(roomButton(/^#random/).textContent).toBe("#random");
  });

  it("joins or creates a room by a valid name, and explains an invalid one", async () => {
    const { client, user, store } = setup();
    const input = screen.getByLabelText("Room name");

    await user.type(input, "bad:name{Enter}");
    expect(screen.getByRole("alert").textContent).toBe("Room name must not contain ':'");
    expect(client.calls).not.toContain("join bad:name");

    await user.clear(input);
    await user.type(input, "  #design {Enter}");
    expect(client.calls).toContain("join design");
    expect(store.getState().rooms.current).toBe("design");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("leaves a room", async () => {
    const { client, user } = setup();
    await user.click(screen.getByRole("button", { name: "Leave #random" }));
    expect(client.calls).toContain("leave random");
    expect(screen.queryByRole("button", { name: /^#random/ })).toBeNull();
  });

  it("lists the directory with online counts, live as the server pushes updates", async () => {
    const { client, user, store } = setup();
    expect(client.calls).toContain("rooms");
    act(() =>
      client.emit("message", {
        type: "rooms",
        rooms: [
          { room: "general", online: 3, seq: 10 },
          { room: "music", online: 1, seq: 2 },
        ],
      }),
    );
    expect(roomButton(/^#music/).textContent).toContain("1 online");

    act(() => client.emit("message", { type: "room_update", room: "music", online: 4, seq: 3 }));
    expect(roomButton(/^#music/).textContent).toContain("4 online");

    await user.click(roomButton(/^#music/));
    expect(client.calls).toContain("join music");
    expect(store.getState().rooms.current).toBe("music");
  });

  it("lists a DM someone opened with us, named after them, with its unread count", () => {
    const { client } = setup();
    const dm = "dm:u_alice000000:u_bob00000000";

    act(() => client.emit("message", { type: "dm_invite", room: dm, from: BOB, seq: 1 }));
    expect(client.calls).toContain(`join ${dm}`);

    act(() => {
      client.emit("message", joinedMessage(dm, [ALICE], [chatMessage(BOB, "psst", { room: dm })]));
      client.deliver(dm, [chatMessage(BOB, "psst", { room: dm, seq: 1 })], true);
    });
    expect(roomButton(/^@Bob/).textContent).toBe("@Bob1 unread");
  });
});
