import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "../store/chatClient.js";
import type { DuplexState } from "../store/state.js";
import { buildTrace } from "./trace.js";
import { appendSample, type InspectorSlice } from "./inspectorSlice.js";
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

export function requestInspect(client: ChatClient, enable: boolean): void {
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
