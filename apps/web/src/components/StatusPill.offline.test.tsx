import { DuplexClient, memoryStorage } from "@duplex/client";
import { FakePeer } from "@duplex/client/testing";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createDuplexStore } from "../store/createDuplexStore.js";
import { StoreProvider } from "../store/storeContext.js";
import { App } from "./App.js";

/** A network the test switches off and on, as the browser's `offline` / `online` events do. */
function network() {
  let up = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => up,
    subscribe(listener: (online: boolean) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(online: boolean) {
      up = online;
      for (const l of listeners) l(online);
    },
  };
}

describe("the connection pill", () => {
  it("says offline the moment the browser reports the network gone, not a heartbeat later", async () => {
    const peer = new FakePeer();
    const online = network();
    const client = new DuplexClient({
      url: "ws://127.0.0.1/ws",
      WebSocket: peer.WebSocket,
      storage: memoryStorage(),
      online,
    });
    const store = createDuplexStore(client);
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    act(() => void store.getState().actions.signIn("Alice"));
    const pill = () => within(screen.getByRole("banner")).getByRole("status");
    await waitFor(() => expect(pill().textContent).toContain("Online"));

    act(() => online.set(false));
    expect(pill().textContent).toBe("Offline — waiting for the network");

    act(() => online.set(true));
    await waitFor(() => expect(pill().textContent).toContain("Online"));
    client.close();
  });
});
