import { LIMITS, type NotifyLevel } from "@duplex/protocol";
import { act, fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Toasts } from "../components/Toasts.js";
import { notification, push } from "../test/notificationFixtures.js";
import { renderWithStore, signedIn, type Rendered } from "../test/renderWithStore.js";
import { RoomPrefs } from "./RoomPrefs.js";

function prefs(rendered: Rendered, rooms: Record<string, NotifyLevel>, dndUntil = 0) {
  act(() =>
    rendered.client.emit("message", {
      type: "prefs",
      shareReceipts: true,
      dndUntil,
      rooms: Object.entries(rooms).map(([room, level]) => ({ room, level })),
    }),
  );
}

const link = (room: string) => ({ room, messageId: "m_1", seq: 1 });
const toasts = () =>
  within(screen.getByRole("status", { name: "New notifications" })).queryAllByRole("article");

describe("toasts under notification preferences", () => {
  it("toasts a mention under mentions-only, nothing from a room set to nothing, and nothing during do-not-disturb; all stay listed", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    prefs(rendered, { quiet: "none", ops: "mentions" });
    act(() =>
      push(
        rendered.client,
        notification({ kind: "mention", title: "In quiet", link: link("quiet") }),
        notification({ kind: "mention", title: "In ops", link: link("ops") }),
        notification({ kind: "system", title: "Ops notice", link: link("ops") }),
      ),
    );
    expect(toasts().map((t) => t.getAttribute("aria-label"))).toEqual(["In ops"]);

    prefs(rendered, { quiet: "none", ops: "mentions" }, Date.now() + 60 * 60_000);
    act(() =>
      push(rendered.client, notification({ kind: "dm", title: "At night", link: link("dm") })),
    );
    expect(toasts().map((t) => t.getAttribute("aria-label"))).toEqual(["In ops"]);
    // Listed (and counted by the bell) all the same.
    expect(rendered.store.getState().notifications.unread).toBe(4);
  });
});

describe("room notification settings", () => {
  it("appear once the server sent preferences, send each choice, and show what the server says", () => {
    const rendered = renderWithStore(<RoomPrefs room="general" title="#general" />);
    signedIn(rendered);
    expect(screen.queryByRole("button", { name: /Notification settings/ })).toBeNull();
    prefs(rendered, {});
    const open = screen.getByRole("button", {
      name: "Notification settings for #general (now: Notify: all)",
    });
    fireEvent.click(open);
    const panel = screen.getByRole("region", { name: "Notifications for #general" });
    expect(within(panel).getByRole("radio", { name: "All messages" })).toHaveProperty(
      "checked",
      true,
    );

    fireEvent.click(within(panel).getByRole("radio", { name: "Mentions only" }));
    expect(rendered.client.calls).toContain(
      `request ${JSON.stringify({ type: "set_prefs", rooms: [{ room: "general", level: "mentions" }] })}`,
    );
    fireEvent.click(within(panel).getByRole("radio", { name: "Until I turn it off" }));
    expect(rendered.client.calls).toContain(
      `request ${JSON.stringify({ type: "set_prefs", dndUntil: LIMITS.dndForever })}`,
    );
    fireEvent.click(within(panel).getByRole("checkbox", { name: "Share read receipts" }));
    expect(rendered.client.calls).toContain(
      `request ${JSON.stringify({ type: "set_prefs", shareReceipts: false })}`,
    );

    // Another tab changed them: the server's prefs frame is what shows.
    prefs(rendered, { general: "none" }, LIMITS.dndForever);
    expect(within(panel).getByRole("radio", { name: "Nothing" })).toHaveProperty("checked", true);
    expect(within(panel).getByText(/On until you turn it off/)).toBeTruthy();

    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("region", { name: "Notifications for #general" })).toBeNull();
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: /Notification settings/ }),
    );
  });
});
