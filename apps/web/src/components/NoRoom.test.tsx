import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { joinedMessage } from "../test/chatEvents.js";
import { ALICE } from "../test/scriptedClient.js";
import { ChatScreen } from "./ChatScreen.js";

describe("leaving rooms", () => {
  it("leaving #general shows the other joined room, and leaving the last one an honest empty state", async () => {
    const rendered = renderWithStore(<ChatScreen />);
    const { client, store } = rendered;
    act(() => signedIn(rendered, ALICE.name, ALICE.id));
    act(() => {
      client.emit("message", joinedMessage("general", [ALICE]));
      client.emit("message", joinedMessage("ops", [ALICE]));
    });
    const user = userEvent.setup();
    const nav = () => within(screen.getByRole("navigation", { name: "Rooms" }));

    await user.click(nav().getByRole("button", { name: "Leave #general" }));
    expect(client.calls).toContain("leave general");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("#ops");

    await user.click(nav().getByRole("button", { name: "Leave #ops" }));
    // Not still "in" a room we left, with a composer whose messages could never be sent.
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("No room open");
    expect(screen.queryByLabelText("Message")).toBeNull();
    expect(store.getState().actions.sendMessage("lost?")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Join #general" }));
    expect(client.calls.at(-1)).toBe("join general");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("#general");
  });
});
