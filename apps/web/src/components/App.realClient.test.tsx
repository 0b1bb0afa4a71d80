import { DuplexClient, memoryStorage } from "@duplex/client";
import { FakePeer } from "@duplex/client/testing";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createDuplexStore } from "../store/createDuplexStore.js";
import { StoreProvider } from "../store/storeContext.js";
import { App } from "./App.js";

const BOB = { id: "u_bob00000000", name: "Bob" };

/** The app over the real `DuplexClient`, talking to the client package's in-process fake server. */
function setup() {
  const peer = new FakePeer();
  const client = new DuplexClient({
    url: "ws://127.0.0.1/ws",
    WebSocket: peer.WebSocket,
    storage: memoryStorage(),
    // No jitter wait: reconnect on the next timer tick, so the test needs no fake clock.
    random: () => 0,
    online: { isOnline: () => true, subscribe: () => () => undefined },
  });
  const store = createDuplexStore(client);
  const statuses: string[] = [];
  store.subscribe((s, prev) => {
    if (s.connection.status !== prev.connection.status) statuses.push(s.connection.status);
  });
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  return { peer, client, store, statuses, user: userEvent.setup() };
}

function messageItems(text: string): HTMLElement[] {
  return within(screen.getByRole("log"))
    .queryAllByRole("listitem")
    .filter((li) => li.textContent?.includes(text));
}

describe("the app over the real client", () => {
  it("signs in, receives others' messages, and delivers its own once across a dropped link", async () => {
    const { peer, client, statuses, user } = setup();

    await user.type(screen.getByLabelText("Your name"), "Alice{Enter}");
    await waitFor(() =>
      expect(within(screen.getByRole("banner")).getByRole("status").textContent).toContain(
        "Online",
      ),
    );

    act(() => void peer.publish("general", "hi from bob", { from: BOB }));
    await waitFor(() => expect(messageItems("hi from bob")).toHaveLength(1));
    expect(messageItems("hi from bob")[0]?.textContent).toContain("Bob");

    // The server swallows our send, then the link drops: the message waits in the outbox.
    peer.onFrame = (_socket, message) => message.type === "send";
    await user.type(screen.getByLabelText("Message"), "survives a drop{Enter}");
    expect(messageItems("survives a drop")[0]?.textContent).toContain("Sending…");
    peer.onFrame = undefined;
    act(() => peer.last.drop());

    await waitFor(() => expect(messageItems("survives a drop")[0]?.textContent).toContain("Sent"));
    await waitFor(() =>
      expect(within(screen.getByRole("banner")).getByRole("status").textContent).toContain(
        "Online",
      ),
    );
    expect(messageItems("survives a drop")).toHaveLength(1);
    expect(statuses).toEqual(["connecting", "open", "reconnecting", "open"]);
    client.close();
  });

  it("[C1] [C3] loses no frame when a newer server adds fields to User and ChatMessage, a notification kind, or a message type", async () => {
    const { peer, client, user } = setup();
    await user.type(screen.getByLabelText("Your name"), "Alice{Enter}");
    await waitFor(() =>
      expect(within(screen.getByRole("banner")).getByRole("status").textContent).toContain(
        "Online",
      ),
    );
    const future = { ...BOB, pronouns: "he/him", avatar: { url: "https://example.test/b.png" } };
    act(() => {
      peer.last.pushRaw(JSON.stringify({ type: "pin", room: "general", emoji: "👍" }));
      peer.last.pushRaw(
        JSON.stringify({
          type: "message",
          room: "general",
          id: "m_future",
          seq: 1,
          cid: "c-future",
          from: future,
          text: "hello from a newer server",
          ts: Date.now(),
          threadOf: { id: "m_0" },
          attachments: [],
        }),
      );
      peer.last.pushRaw(
        JSON.stringify({
          type: "notification",
          notification: {
            id: "n_future",
            kind: "dm",
            title: "Bob wrote to you",
            body: "are you there?",
            level: "info",
            ts: Date.now(),
            read: false,
            thread: "t1",
          },
        }),
      );
    });
    await waitFor(() => expect(messageItems("hello from a newer server")).toHaveLength(1));
    expect(messageItems("hello from a newer server")[0]?.textContent).toContain("Bob");
    expect((await screen.findAllByText("Bob wrote to you")).length).toBeGreaterThan(0);
    expect(client.tolerated.types).toBe(1);
    client.close();
  });
});
