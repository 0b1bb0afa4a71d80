import { dmRoomId, type Notification } from "@duplex/protocol";
import { act, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { joinedMessage } from "../test/chatEvents.js";
import { notification, push } from "../test/notificationFixtures.js";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { ALICE, BOB } from "../test/scriptedClient.js";
import { App } from "./App.js";

const dm = dmRoomId(ALICE.id, BOB.id);

function dmNotification(extra: Partial<Notification> = {}): Notification {
  return notification({
    kind: "dm",
    title: "Bob sent you a direct message",
    body: "are you free?",
    ts: Date.now(),
    link: { room: dm, messageId: "m_dm1", seq: 1 },
    ...extra,
  });
}

function setup() {
  const rendered = renderWithStore(<App />);
  act(() => {
    signedIn(rendered, ALICE.name, ALICE.id);
    rendered.client.emit("message", joinedMessage("general", [ALICE]));
  });
  return rendered;
}

const bell = () => screen.getByRole("button", { name: /^Notifications/ });

afterEach(() => {
  document.title = "Duplex";
});

describe("a new direct message", () => {
  it("toasts, counts on the bell and puts the unread count in the tab title", () => {
    const { client } = setup();
    expect(document.title).toBe("Duplex");

    act(() => push(client, dmNotification()));

    const toasts = screen.getByRole("status", { name: "New notifications" });
    const toast = within(toasts).getByRole("article", { name: "Bob sent you a direct message" });
    expect(toast.textContent).toContain("are you free?");
    expect(toast.textContent).toContain("✉");
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 1 unread");
    expect(document.title).toBe("(1) Duplex");
  });

  it("is no news in the conversation on screen: no toast, and it is marked read", () => {
    const { client, store } = setup();
    act(() => {
      store.getState().actions.joinRoom(dm);
      client.emit("message", joinedMessage(dm, [ALICE, BOB]));
    });

    act(() => push(client, dmNotification({ id: "n_dm_here" })));

    expect(screen.queryByRole("article", { name: "Bob sent you a direct message" })).toBeNull();
    expect(client.calls).toContain(
      `request ${JSON.stringify({ type: "mark_read", ids: ["n_dm_here"] })}`,
    );
    expect(bell().getAttribute("aria-label")).toBe("Notifications");
    expect(document.title).toBe("Duplex");
  });

  it("is read once the user opens the conversation", () => {
    const { client, store } = setup();
    act(() => push(client, dmNotification({ id: "n_dm_later" })));
    expect(document.title).toBe("(1) Duplex");

    act(() => store.getState().actions.joinRoom(dm));

    expect(client.calls).toContain(
      `request ${JSON.stringify({ type: "mark_read", ids: ["n_dm_later"] })}`,
    );
    expect(document.title).toBe("Duplex");
  });
});
