import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import type { ServerEffect, ServerEvent } from "./serverEvent.js";
import { applyServerEvent } from "./applyServerEvent.js";

/**
 * The store's one subscription point: each client event becomes a `ServerEvent`, is folded into the
 * state by `applyServerEvent` in one `setState`, and its effects run afterwards. Returns `dispatch`,
 * for follow-up events (a failed request) that go through the same reducer.
 */
export function attachServerEvents(
  client: ChatClient,
  store: StoreApi<DuplexState>,
  uploadsGranted: () => boolean,
  runEffects: (effects: readonly ServerEffect[]) => void,
): (event: ServerEvent) => void {
  function dispatch(event: ServerEvent): void {
    const before = store.getState();
    const { state, effects } = applyServerEvent(before, event, Date.now());
    if (state !== before) store.setState(state, true);
    runEffects(effects);
  }
  // Only an open connection knows what its node granted; while reconnecting nothing is said.
  const uploads = () => (client.state.status === "open" ? uploadsGranted() : undefined);

  client.on("state", (state) => dispatch({ type: "state", state, uploads: uploads() }));
  client.on("user", (user) => dispatch({ type: "user", user, uploads: uploads() }));
  client.on("rtt", (rttMs) => dispatch({ type: "rtt", rttMs }));
  client.on("transport", (transport) => dispatch({ type: "transport", transport }));
  client.on("outbox", (entries) => dispatch({ type: "outbox", entries }));
  client.on("roomMessages", (room, messages, reset) =>
    dispatch({ type: "roomMessages", room, messages, reset }),
  );
  client.on("message", (message) => dispatch({ type: "message", message }));
  client.on("joinRefused", (room, error) => dispatch({ type: "joinRefused", room, error }));
  client.on("frame", (frame) => dispatch({ type: "frame", frame }));
  return dispatch;
}
