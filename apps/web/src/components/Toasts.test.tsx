import { act, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { notification, push } from "../test/notificationFixtures.js";
import { renderWithStore, signedIn } from "../test/renderWithStore.js";
import { TOAST_MS, Toasts } from "./Toasts.js";

function toastRegion(): HTMLElement {
  return screen.getByRole("status", { name: "New notifications" });
}

describe("toasts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shows a new notification in a polite status region, coloured by its level", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    act(() => push(rendered.client, notification({ title: "Deploy finished", level: "success" })));
    const region = toastRegion();
    expect(region.getAttribute("aria-live")).toBe("polite");
    const toast = within(region).getByRole("article", { name: "Deploy finished" });
    expect(toast.className).toContain("toast-success");
  });

  it("dismisses itself after a few seconds", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    act(() => push(rendered.client, notification({ title: "Hello" })));
    act(() => vi.advanceTimersByTime(TOAST_MS - 100));
    expect(within(toastRegion()).queryByRole("article")).not.toBeNull();
    act(() => vi.advanceTimersByTime(200));
    expect(within(toastRegion()).queryByRole("article")).toBeNull();
  });

  it("stays while hovered, and counts down the rest once the pointer leaves", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    act(() => push(rendered.client, notification({ title: "Read me" })));
    act(() => vi.advanceTimersByTime(3000));
    fireEvent.mouseEnter(screen.getByRole("article", { name: "Read me" }));
    act(() => vi.advanceTimersByTime(TOAST_MS * 3));
    expect(screen.queryByRole("article", { name: "Read me" })).not.toBeNull();
    fireEvent.mouseLeave(screen.getByRole("article", { name: "Read me" }));
    act(() => vi.advanceTimersByTime(TOAST_MS - 3000 + 50));
    expect(screen.queryByRole("article", { name: "Read me" })).toBeNull();
  });

  it("closes with its dismiss button", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    act(() => push(rendered.client, notification({ title: "Bye" })));
    fireEvent.click(screen.getByRole("button", { name: 'Dismiss "Bye"' }));
    expect(screen.queryByRole("article", { name: "Bye" })).toBeNull();
  });

  it("shows no second toast when the server replays a notification after a reconnect", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    const n = notification({ title: "Once" });
    act(() => push(rendered.client, n));
    fireEvent.click(screen.getByRole("button", { name: 'Dismiss "Once"' }));
    act(() => push(rendered.client, { ...n }));
    expect(screen.queryByRole("article", { name: "Once" })).toBeNull();
  });
});

describe("toasts on page load and in bursts", () => {
  it("does not toast again the unread notifications replayed when the page connects", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    const { client, store } = rendered;
    const connectedAt = Date.UTC(2026, 10, 26, 9, 0, 0);
    act(() =>
      client.emit("message", {
        type: "welcome",
        user: { id: "u_alice000000", name: "Alice" },
        token: "t",
        tokenExpiresAt: connectedAt + 1e6,
        heartbeatMs: 25_000,
        serverTime: connectedAt,
        protocolVersion: 1,
      }),
    );
    act(() =>
      push(client, notification({ title: "From yesterday", ts: connectedAt - 86_400_000 })),
    );
    expect(within(toastRegion()).queryByRole("article")).toBeNull();
    // Still news in the bell.
    expect(store.getState().notifications.unread).toBe(1);

    act(() => push(client, notification({ title: "Just now", ts: connectedAt + 1000 })));
    expect(within(toastRegion()).getByRole("article", { name: "Just now" })).toBeTruthy();
  });

  it("groups a burst into one toast that leads to the centre", () => {
    const rendered = renderWithStore(<Toasts />);
    signedIn(rendered);
    act(() => push(rendered.client, notification(), notification(), notification()));
    const toasts = within(toastRegion()).getAllByRole("article");
    expect(toasts).toHaveLength(1);
    expect(toasts[0]?.getAttribute("aria-label")).toBe("3 new notifications");
    fireEvent.click(within(toastRegion()).getByRole("button", { name: "Show all" }));
    expect(rendered.store.getState().notifications.centreOpen).toBe(true);
    expect(within(toastRegion()).queryByRole("article")).toBeNull();
  });
});
