import { act, screen, within } from "@testing-library/react";
import { dmRoomId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { RoomSidebar } from "../components/RoomSidebar.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE, BOB, ScriptedClient } from "../test/scriptedClient.js";
import { KNOWN_ROOMS_KEY } from "./knownRooms.js";
import { memoryStorage } from "../test/memoryStorage.js";
import { renderWithStore } from "../test/renderWithStore.js";

/** One page load: a fresh client and store over the device's storage, the sidebar on screen. */
function page(storage: ReturnType<typeof memoryStorage>) {
  const view = renderWithStore(<RoomSidebar />, new ScriptedClient(), { storage });
  const { client, store } = view;
  act(() => void store.getState().actions.signIn(ALICE.name));
  return { client, store, view };
}

const listedRooms = () =>
  within(screen.getByRole("list", { name: "Your rooms" }))
    .getAllByRole("button", { name: /^#/ })
    .map((b) => b.textContent?.replace(/\d+ unread$/, ""));

describe("known rooms (the offline app shell)", () => {
  it("lists the rooms this device was last in while the server is down, until it answers", () => {
    const storage = memoryStorage();
    const first = page(storage);
    act(() => {
      first.client.welcome(ALICE);
      first.client.emit("message", joinedMessage("general", [ALICE]));
      first.client.emit("message", joinedMessage("random", [ALICE]));
      first.client.emit("message", joinedMessage(dmRoomId(ALICE.id, BOB.id), [ALICE, BOB]));
    });
    expect(JSON.parse(storage.getItem(KNOWN_ROOMS_KEY) ?? "[]")).toEqual(["general", "random"]);
    first.view.unmount();

    // Reloaded with the server down: the client never connects, the rooms still show.
    const second = page(storage);
    expect(second.client.state.status).toBe("connecting");
    expect(listedRooms()).toEqual(["#general", "#random"]);
    // Not joined yet, so nothing to leave.
    expect(screen.queryByRole("button", { name: "Leave #random" })).toBeNull();

    // Online again: only what the server confirms is listed (saved rooms bring the rest back).
    act(() => second.client.welcome(ALICE));
    expect(listedRooms()).toEqual(["#general"]);
  });

  it("forgets them on sign-out: the next person on this device sees none of them", async () => {
    const storage = memoryStorage();
    const { client, store } = page(storage);
    act(() => {
      client.welcome(ALICE);
      client.emit("message", joinedMessage("random", [ALICE]));
    });
    expect(storage.getItem(KNOWN_ROOMS_KEY)).not.toBeNull();
    await act(() => store.getState().actions.signOut());
    expect(storage.getItem(KNOWN_ROOMS_KEY)).toBeNull();
  });
});
