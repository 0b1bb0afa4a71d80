import type { StoreApi } from "zustand/vanilla";
import type { DuplexState } from "../store/state.js";
import type { OpenRequest } from "./pushPayload.js";

/** The notification a request points to: by id, else by the message it links to. */
function findNotification(state: DuplexState, request: OpenRequest) {
  const { items } = state.notifications;
  const byId = request.id ? items.find((n) => n.id === request.id) : undefined;
  if (byId || !request.messageId) return byId;
  const { messageId, room } = request;
  return items.find(
    (n) => n.link !== undefined && n.link.messageId === messageId && n.link.room === room,
  );
}

/** How long to wait for the server's replay to bring the clicked notification before opening its room. */
export const REPLAY_WAIT_MS = 5000;

/**
 * Opens what a clicked push points to, once the store can: the notification itself (marked read,
 * its room shown and its message focused, as a click in the centre does) as soon as the server's
 * replay of unread notifications brings it; if it never does (read meanwhile in another tab), the
 * room alone, once online. Returns a function that stops waiting.
 */
export function openWhenReady(
  store: StoreApi<DuplexState>,
  request: OpenRequest,
  timers: Pick<typeof globalThis, "setTimeout" | "clearTimeout"> = globalThis,
): () => void {
  let done = false;
  let fallback: ReturnType<typeof setTimeout> | undefined;

  function finish(): void {
    done = true;
    unsubscribe();
    if (fallback !== undefined) timers.clearTimeout(fallback);
  }

  function check(state: DuplexState): void {
    if (done) return;
    const known = findNotification(state, request);
    if (known) {
      finish();
      state.actions.openNotification(known.id);
      return;
    }
    if (state.connection.status === "open" && fallback === undefined) {
      fallback = timers.setTimeout(openRoomOnly, request.id ? REPLAY_WAIT_MS : 0);
    }
  }

  function openRoomOnly(): void {
    if (done) return;
    finish();
    const { actions } = store.getState();
    if (request.room) actions.joinRoom(request.room);
    if (request.id) actions.markNotificationRead(request.id);
  }

  const unsubscribe = store.subscribe(check);
  check(store.getState());
  return () => {
    if (!done) finish();
  };
}
