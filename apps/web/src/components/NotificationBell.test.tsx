import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { joinedMessage } from "../test/chatEvents.js";
import { notification, push } from "../test/notificationFixtures.js";
import { renderSignedIn } from "../test/renderWithStore.js";
import { ALICE, BOB, chatMessage } from "../test/scriptedClient.js";
import type { SystemNotifications } from "../store/systemNotifications.js";
import { NotificationBell } from "./NotificationBell.js";

function setup(system?: SystemNotifications) {
  const rendered = renderSignedIn(<NotificationBell {...(system && { system })} />);
  return rendered;
}

const bell = () => screen.getByRole("button", { name: /^Notifications/ });
const listed = () =>
  within(screen.getByRole("list", { name: "Notifications" }))
    .getAllByRole("listitem")
    .map((li) => li.querySelector(".centre-title")?.textContent);

describe("notification bell and centre", () => {
  it("names the unread count on the bell and shows it as a badge", () => {
    const { client } = setup();
    expect(bell().getAttribute("aria-label")).toBe("Notifications");
    act(() => push(client, notification(), notification(), notification({ read: true })));
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 2 unread");
    expect(bell().textContent).toBe("2");
  });

  it("lists notifications newest first, unread ones marked", async () => {
    const { client } = setup();
    act(() =>
      push(
        client,
        notification({ title: "Middle", ts: 2000 }),
        notification({ title: "Newest", ts: 3000 }),
        notification({ title: "Oldest", ts: 1000, read: true }),
      ),
    );
    await userEvent.click(bell());
    expect(bell().getAttribute("aria-expanded")).toBe("true");
    expect(listed()).toEqual(["Unread: Newest", "Unread: Middle", "Oldest"]);
  });

  it("marks one read: shown at once and sent to the server as mark_read", async () => {
    const { client } = setup();
    const n = notification({ title: "Ping" });
    act(() => push(client, n, notification()));
    await userEvent.click(bell());
    await userEvent.click(screen.getByRole("button", { name: 'Mark "Ping" read' }));
    expect(client.calls).toContain(`request ${JSON.stringify({ type: "mark_read", ids: [n.id] })}`);
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 1 unread");
    expect(screen.queryByRole("button", { name: 'Mark "Ping" read' })).toBeNull();
  });

  it("marks all read with one request", async () => {
    const { client } = setup();
    act(() => push(client, notification(), notification()));
    await userEvent.click(bell());
    await userEvent.click(screen.getByRole("button", { name: "Mark all read" }));
    expect(client.calls).toContain(`request ${JSON.stringify({ type: "mark_read", all: true })}`);
    expect(bell().getAttribute("aria-label")).toBe("Notifications");
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Mark all read" }).disabled).toBe(
      true,
    );
  });

  it("follows read state from another tab (notifications_read from the server)", () => {
    const { client } = setup();
    const [a, b, c] = [notification(), notification(), notification()];
    act(() => push(client, a, b, c));
    act(() => client.emit("message", { type: "notifications_read", ids: [a.id, b.id] }));
    expect(bell().getAttribute("aria-label")).toBe("Notifications, 1 unread");
    act(() => client.emit("message", { type: "notifications_read", ids: [], all: true }));
    expect(bell().getAttribute("aria-label")).toBe("Notifications");
  });

  it("closes on Escape and gives focus back to the bell", async () => {
    setup();
    await userEvent.click(bell());
    expect(screen.queryByRole("region", { name: "Notification centre" })).not.toBeNull();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("region", { name: "Notification centre" })).toBeNull();
    expect(document.activeElement).toBe(bell());
  });

  it("opens a mention: joins its room and pages back until the message is held", async () => {
    const { client, store } = setup();
    const target = chatMessage(BOB, "hey @Alice", { room: "random", seq: 10, id: "m_target" });
    const mention = notification({
      kind: "mention",
      title: "Bob mentioned you in #random",
      link: { room: "random", messageId: target.id, seq: target.seq },
    });
    act(() => push(client, mention));
    await userEvent.click(bell());
    await userEvent.click(screen.getByRole("button", { name: "Bob mentioned you in #random" }));

    expect(client.calls).toContain("join random");
    expect(client.calls).toContain(
      `request ${JSON.stringify({ type: "mark_read", ids: [mention.id] })}`,
    );
    expect(store.getState().rooms.current).toBe("random");
    expect(screen.queryByRole("region", { name: "Notification centre" })).toBeNull();

    // The latest page does not reach seq 10: the store asks for the page before it.
    const latest = Array.from({ length: 5 }, (_, i) =>
      chatMessage(BOB, `later ${i}`, { room: "random", seq: 20 + i }),
    );
    act(() => {
      client.emit("message", joinedMessage("random", [ALICE, BOB], latest, true));
      client.deliver("random", latest, true);
    });
    await waitFor(() => expect(client.calls).toContain("history random 20"));
    act(() => client.answerHistory([target], false));
    await waitFor(() => expect(store.getState().notifications.focus?.status).toBe("ready"));
  });

  it("asks for system notification permission only when the opt-in is ticked", async () => {
    let permission: "default" | "granted" = "default";
    let asked = 0;
    const system: SystemNotifications = {
      permission: () => permission,
      requestPermission: () => {
        asked += 1;
        permission = "granted";
        return Promise.resolve(permission);
      },
      isHidden: () => true,
      show: () => undefined,
    };
    const { store } = setup(system);
    await userEvent.click(bell());
    expect(asked).toBe(0);
    const box = screen.getByRole<HTMLInputElement>("checkbox", { name: /Desktop notifications/ });
    await userEvent.click(box);
    expect(asked).toBe(1);
    await waitFor(() => expect(box.checked).toBe(true));
    expect(store.getState().notifications.systemEnabled).toBe(true);
  });
});
