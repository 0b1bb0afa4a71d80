import type { ServerMessage } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "../store/chatClient.js";
import type { DuplexState } from "../store/state.js";
import { computeAccept } from "./acceptKey.js";
import { buildTrace } from "./trace.js";
import { fromClientFrame, fromControl } from "./frameEvents.js";
import { appendSample, countUnlisted, recordFrame, type InspectorSlice } from "./inspectorSlice.js";
import {
  browserHttpEnvironment,
  measureHttpCost,
  timeHealthz,
  type HttpEnvironment,
} from "./httpCost.js";

type Get = () => DuplexState;
type Set = StoreApi<DuplexState>["setState"];

export type { InspectorActions } from "../store/state.js";
import type { InspectorActions } from "../store/state.js";

function patch(set: Set, change: (slice: InspectorSlice) => InspectorSlice): void {
  set((s) => ({ inspector: change(s.inspector) }));
}

// A failed request changes nothing the user relies on: the next `open` asks again.
const ignore = () => undefined;

function requestInspect(client: ChatClient, enable: boolean): void {
  if (client.state.status === "open") client.request({ type: "inspect", enable }).catch(ignore);
}

/** The inspector's actions. `env` is read only when measuring (tests pass their own). */
export function createInspectorActions(
  client: ChatClient,
  get: Get,
  set: Set,
  env: () => HttpEnvironment = browserHttpEnvironment,
): InspectorActions {
  const actions: InspectorActions = {
    setInspectorOpen(open) {
      if (get().inspector.open === open) return;
      patch(set, (s) => ({ ...s, open }));
      requestInspect(client, open);
      if (open) void actions.measureHttp();
    },
    setInspectorPaused(paused) {
      patch(set, (s) => ({ ...s, paused, missedWhilePaused: paused ? s.missedWhilePaused : 0 }));
    },
    setInspectorFilter(filter) {
      patch(set, (s) => ({ ...s, filter }));
    },
    async measureHttp() {
      try {
        const environment = env();
        const http = await measureHttpCost(environment);
        const ms = await timeHealthz(environment);
        patch(set, (s) => ({
          ...s,
          http,
          httpRttMs: appendSample(s.httpRttMs, ms),
          error: undefined,
        }));
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        patch(set, (s) => ({ ...s, error }));
      }
    },
    closeWithCode(code, reason) {
      client.close(code, reason);
    },
    inspectorTrace() {
      return buildTrace(get().inspector, Date.now());
    },
  };
  return actions;
}

/** Feeds the inspector from the client: every frame, the handshake, and the server's control reports. */
export function attachInspectorEvents(client: ChatClient, store: StoreApi<DuplexState>): void {
  const { getState: get, setState: set } = store;

  client.on("frame", (event) => {
    const frame = fromClientFrame(event);
    // A report about a control frame is listed as that control frame (from `message`), not itself.
    if (event.type === "control" && event.direction === "in") {
      patch(set, (s) => countUnlisted(s, frame));
      return;
    }
    patch(set, (s) => recordFrame(s, frame));
  });

  function onMessage(message: ServerMessage): void {
    if (message.type === "control") {
      patch(set, (s) => recordFrame(s, fromControl(message)));
    } else if (message.type === "inspecting" && message.handshake) {
      const { handshake } = message;
      patch(set, (s) => ({ ...s, handshake, computedAccept: undefined }));
      const key = handshake.request.secWebSocketKey ?? "";
      computeAccept(key).then((computedAccept) => {
        // Only if no newer handshake replaced this one meanwhile.
        patch(set, (s) => (s.handshake === handshake ? { ...s, computedAccept } : s));
      }, ignore);
    }
  }
  client.on("message", onMessage);

  // Inspecting lives on one socket: a new one (a reconnect) is asked again, and has a new handshake.
  client.on("state", (state) => {
    if (state.status === "open" && get().inspector.open) requestInspect(client, true);
  });
}
