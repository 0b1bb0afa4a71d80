// The service worker: shows Web Push notifications, opens what a click points to, and serves the
// precached app shell when the server cannot be reached. Built on its own by serviceWorkerPlugin.ts
// (one classic script, no imports left), typechecked by tsconfig.sw.json against the worker's lib.
import {
  OPEN_MESSAGE_TYPE,
  notificationFor,
  parsePushPayload,
  type OpenRequest,
} from "./pushPayload.js";

declare let self: ServiceWorkerGlobalScope;
/** Every file of the build (index.html and the hashed assets), written in by the build. */
declare const __PRECACHE_MANIFEST__: string[];
/** A hash of those files' contents: a new build gets a new cache, and the old one is dropped. */
declare const __PRECACHE_VERSION__: string;

const CACHE_PREFIX = "duplex-shell-";
const CACHE = `${CACHE_PREFIX}${__PRECACHE_VERSION__}`;
const SHELL = "/index.html";
// Served by the server itself, never the shell: a navigation there must fail as it would without us.
const SERVER_ROUTES = ["/api/", "/ws", "/sse", "/healthz", "/metrics", "/admin/"];

const scopePath = () => new URL(self.registration.scope).pathname;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: the HTTP cache may hold an index.html older than this build.
      await cache.addAll(__PRECACHE_MANIFEST__.map((url) => new Request(url, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
      );
      // The page that registered us is controlled at once, so it works offline without a reload.
      await self.clients.claim();
    })(),
  );
});

function isAppRoute(url: URL): boolean {
  if (SERVER_ROUTES.some((route) => url.pathname.startsWith(route))) return false;
  return !/\.[a-z0-9]+$/i.test(url.pathname);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && isAppRoute(url)) {
    // Network first: a reachable server always serves the current app; the shell only when it is down.
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match(SHELL, { cacheName: CACHE })) ?? Response.error(),
      ),
    );
    return;
  }
  if (__PRECACHE_MANIFEST__.includes(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: CACHE }).then((hit) => hit ?? fetch(request)),
    );
  }
});

function readPush(event: PushEvent): unknown {
  try {
    return event.data?.json();
  } catch {
    return undefined;
  }
}

self.addEventListener("push", (event) => {
  // userVisibleOnly: every push must show something, even one we cannot read.
  const payload = parsePushPayload(readPush(event)) ?? {
    id: "",
    title: "Duplex",
    body: "",
    kind: "info",
  };
  const { title, options } = notificationFor(payload, scopePath());
  event.waitUntil(self.registration.showNotification(title, options));
});

async function openOrFocus(request: OpenRequest & { url?: string }): Promise<void> {
  const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const tab = tabs.find((c) => new URL(c.url).origin === self.location.origin);
  if (tab) {
    // The tab opens the room itself (no reload): it keeps its socket, state and scroll.
    tab.postMessage({ type: OPEN_MESSAGE_TYPE, ...request });
    await tab.focus().catch(() => undefined);
    return;
  }
  await self.clients.openWindow(request.url ?? scopePath());
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as OpenRequest & { url?: string };
  event.waitUntil(openOrFocus(data));
});
