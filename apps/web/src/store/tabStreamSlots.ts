import {
  slottedFetch,
  streamSlots,
  type LockManagerLike,
  type StreamingFetch,
  type StreamSlots,
} from "@duplex/client";
import type { StoreApi } from "zustand";
import type { DuplexState } from "./state.js";

/**
 * The browser's stream slots, shared by every tab of this origin (Web Locks). Only where the page
 * came over HTTP/1.1, whose six connections per host the tabs' SSE streams would exhaust; over
 * HTTP/2 or HTTP/3 the streams share one connection and need no slots. A page whose protocol is
 * unknown (served by the service worker) takes the careful path.
 */
export function tabStreamSlots(): StreamSlots | undefined {
  const locks = (navigator as { locks?: LockManagerLike }).locks;
  if (locks === undefined) return undefined;
  const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
  if (nav?.nextHopProtocol === "h2" || nav?.nextHopProtocol === "h3") return undefined;
  return streamSlots(locks);
}

/** `fetch` for the SSE transport whose streams wait for a slot. */
export function fetchWithSlots(slots: StreamSlots): StreamingFetch {
  // The link's chunk bodies are ArrayBuffer-backed; TypeScript's DOM types only accept those by name.
  return slottedFetch((url, init) => fetch(url, init as RequestInit), slots);
}

/** Shows in the status pill while this tab waits for a slot. */
export function showSlotWaits(slots: StreamSlots, store: StoreApi<DuplexState>): void {
  slots.onChange((waiting) =>
    store.setState((s) => ({
      connection: { ...s.connection, streamSlotsFull: waiting ? slots.count : undefined },
    })),
  );
}
