import { afterEach, describe, expect, it, vi } from "vitest";
import { createDuplexStore } from "../store/createDuplexStore.js";
import { notification, push } from "../test/notificationFixtures.js";
import { ScriptedClient } from "../test/scriptedClient.js";
import { REPLAY_WAIT_MS, openWhenReady } from "./openRequests.js";
import {
  OPEN_MESSAGE_TYPE,
  notificationFor,
  openUrl,
  parseOpenMessage,
  parsePushPayload,
  readOpenRequest,
} from "./pushPayload.js";

const ALICE = { id: "u_alice000000", name: "Alice" };

function signedInStore() {
  const client = new ScriptedClient();
  const store = createDuplexStore(client);
  store.getState().actions.signIn(ALICE.name);
  return { client, store };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("what a push shows", () => {
  it("groups a room's pushes under one tag and renotifies only for mentions and DMs", () => {
    const payload = parsePushPayload({
      title: "Bob mentioned you in #ops",
      body: "deploy?",
      room: "ops",
      messageId: "m_1",
      id: "n_1",
      kind: "mention",
      extra: "ignored",
    });
    expect(payload).toBeDefined();
    const shown = notificationFor(payload!, "/");
    expect(shown.title).toBe("Bob mentioned you in #ops");
    expect(shown.options).toMatchObject({
      body: "deploy?",
      tag: "room:ops",
      renotify: true,
      data: {
        room: "ops",
        messageId: "m_1",
        id: "n_1",
        url: "/?room=ops&message=m_1&notification=n_1",
      },
    });
    const alert = notificationFor(
      parsePushPayload({ title: "Deploy done", id: "n_2", kind: "system" })!,
    );
    expect(alert.options).toMatchObject({
      tag: "notification:n_2",
      renotify: false,
      data: { url: "/?notification=n_2" },
    });
  });

  it("refuses a payload without a title, and round-trips the click URL", () => {
    expect(parsePushPayload({ body: "no title" })).toBeUndefined();
    expect(parsePushPayload("text")).toBeUndefined();
    const request = { room: "dm:u_a:u_b", messageId: "m_&1", id: "n 1" };
    expect(readOpenRequest(new URL(openUrl(request), "http://x").search)).toEqual(request);
    expect(readOpenRequest("?other=1")).toBeUndefined();
    expect(parseOpenMessage({ type: OPEN_MESSAGE_TYPE, room: "ops", id: "n_1" })).toEqual({
      room: "ops",
      id: "n_1",
      messageId: undefined,
    });
    expect(parseOpenMessage({ type: "other" })).toBeUndefined();
  });
});

describe("opening a clicked push", () => {
  it("opens the notification once the replay brings it: read, its room shown, its message focused", () => {
    const { client, store } = signedInStore();
    openWhenReady(store, { id: "n_push", room: "ops", messageId: "m_7" });
    client.welcome(ALICE);
    push(client, notification({ id: "n_push", link: { room: "ops", messageId: "m_7", seq: 7 } }));

    const state = store.getState();
    expect(state.rooms.current).toBe("ops");
    expect(state.notifications.unread).toBe(0);
    expect(state.notifications.focus).toMatchObject({ room: "ops", messageId: "m_7" });
    expect(client.calls).toContain("join ops");
  });

  it("finds the notification by the message it links to when the id is not known", () => {
    const { client, store } = signedInStore();
    client.welcome(ALICE);
    push(client, notification({ id: "n_real", link: { room: "ops", messageId: "m_9", seq: 9 } }));
    openWhenReady(store, { id: "n_other", room: "ops", messageId: "m_9" });
    expect(store.getState().notifications.focus).toMatchObject({ messageId: "m_9" });
    expect(store.getState().notifications.unread).toBe(0);
  });

  it("opens the room alone when the notification never comes (read in another tab)", () => {
    vi.useFakeTimers();
    const { client, store } = signedInStore();
    openWhenReady(store, { id: "n_gone", room: "ops", messageId: "m_1" });
    client.welcome(ALICE);
    vi.advanceTimersByTime(REPLAY_WAIT_MS - 1);
    expect(store.getState().rooms.current).not.toBe("ops");
    vi.advanceTimersByTime(1);
    expect(store.getState().rooms.current).toBe("ops");
  });
});
