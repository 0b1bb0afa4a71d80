import { describe, expect, it } from "vitest";
import { notification } from "../test/notificationFixtures.js";
import {
  MAX_TOASTS,
  applyRead,
  initialNotifications,
  receiveNotification,
  type NotificationsSlice,
} from "./notificationsSlice.js";

function receiveAll(...items: ReturnType<typeof notification>[]): NotificationsSlice {
  return items.reduce((s, n) => receiveNotification(s, n).slice, initialNotifications);
}

describe("notifications slice", () => {
  it("lists notifications newest first whatever order they arrive in, counting the unread", () => {
    const old = notification({ ts: 1000 });
    const recent = notification({ ts: 3000 });
    const middle = notification({ ts: 2000, read: true });
    const slice = receiveAll(recent, old, middle);
    expect(slice.items.map((n) => n.id)).toEqual([recent.id, middle.id, old.id]);
    expect(slice.unread).toBe(2);
  });

  it("treats a replayed id as known: no second entry, no toast", () => {
    const first = notification();
    const once = receiveAll(first);
    const replay = receiveNotification(once, { ...first });
    expect(replay.isNew).toBe(false);
    expect(replay.slice).toBe(once);
    expect(replay.slice.toasts).toEqual([first.id]);
  });

  it("never turns a notification read here back to unread when a stale copy arrives", () => {
    const n = notification();
    const read = applyRead(receiveAll(n), [n.id], false);
    const replay = receiveNotification(read, { ...n, read: false });
    expect(replay.slice.items[0]?.read).toBe(true);
    expect(replay.slice.unread).toBe(0);
  });

  it("opens no toast for a notification that arrives already read", () => {
    expect(receiveAll(notification({ read: true })).toasts).toEqual([]);
  });

  it(`keeps at most ${MAX_TOASTS} toasts, dropping the oldest`, () => {
    const items = Array.from({ length: MAX_TOASTS + 2 }, () => notification());
    const slice = receiveAll(...items);
    expect(slice.toasts).toEqual(items.slice(2).map((n) => n.id));
    expect(slice.items).toHaveLength(MAX_TOASTS + 2);
  });

  it("marks listed ids read, or all of them, and leaves the slice alone when nothing changes", () => {
    const [a, b, c] = [notification(), notification(), notification()];
    const slice = receiveAll(a, b, c);
    const one = applyRead(slice, [b.id], false);
    expect(one.unread).toBe(2);
    expect(one.items.find((n) => n.id === b.id)?.read).toBe(true);
    expect(applyRead(one, [b.id, "unknown"], false)).toBe(one);
    expect(applyRead(one, [], true).unread).toBe(0);
  });
});
