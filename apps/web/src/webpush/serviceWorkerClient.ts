import type { StoreApi } from "zustand/vanilla";
import type { DuplexState } from "../store/state.js";
import { openWhenReady } from "./openRequests.js";
import { parseOpenMessage, readOpenRequest } from "./pushPayload.js";

/** Where the built worker is served (the root scope: it may control every page of the app). */
export const SERVICE_WORKER_URL = "/sw.js";

/**
 * The page's side of the service worker: registers it (in a built app only: the dev server has no
 * worker, and a stale one would serve old code), opens what a notification click points to — from
 * the URL a click opened, or from the message the worker posts to a tab that was already open.
 */
export function startServiceWorker(store: StoreApi<DuplexState>, register: boolean): void {
  const fromUrl = readOpenRequest(window.location.search);
  if (fromUrl) {
    // The params are one-shot: a reload must not open the notification again.
    const url = new URL(window.location.href);
    for (const key of ["room", "message", "notification"]) url.searchParams.delete(key);
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
    openWhenReady(store, fromUrl);
  }
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.addEventListener("message", (event: MessageEvent<unknown>) => {
    const request = parseOpenMessage(event.data);
    if (request) openWhenReady(store, request);
  });
  if (register) {
    navigator.serviceWorker.register(SERVICE_WORKER_URL).catch((error: unknown) => {
      // Without a worker the app still works online: no offline shell and no Web Push.
      console.warn("service worker registration failed", error);
    });
  }
}
