/*
 * backcoach service worker, served from /sw.js so that it controls every page.
 *
 * The server fills in VERSION (a hash of the static files) and SHELL (the files
 * every page needs). A new version installs a new cache and deletes the old ones,
 * so a cached copy never outlives the files it came from.
 *
 * - Static files and the pose models: from the cache first (they change only
 *   with the version). The models and MediaPipe's WebAssembly are not in SHELL:
 *   they are kept only once the camera coach has loaded them.
 * - Pages and GET answers of the API (today's session with its steps, cues and
 *   figures): from the network first, so what the person sees is current, and
 *   from the cache when the server cannot be reached.
 * - Everything else (posts) goes straight to the network: the player's outbox
 *   keeps what could not be sent, so this worker never holds on to a write.
 */
"use strict";

const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = "backcoach-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("backcoach-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

// A page asks for URLs to be kept for offline use (the page it shows, today's session).
self.addEventListener("message", (event) => {
  const urls = event.data && Array.isArray(event.data.keep) ? event.data.keep : [];
  event.waitUntil(Promise.all(urls.map((url) => refresh(new Request(url, { credentials: "same-origin" })).catch(() => null))));
});

// A reminder opens (or brings forward) the app on Today.
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: "window" }).then((windows) => (windows.length ? windows[0].focus() : self.clients.openWindow("/")))
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname === "/sw.js" || url.pathname.startsWith("/camera/ws")) return;
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/camera/models/")) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  // Files not in SHELL (the models) land here only once a page really asked for them.
  if (response.status === 200) {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

// Fetches and keeps a good answer; a redirect is not kept (it depends on the moment,
// such as the welcome page before a profile exists).
async function refresh(request) {
  const response = await fetch(request);
  if (response.ok && !response.redirected && response.type === "basic") {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirst(request) {
  try {
    return await refresh(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    const cached = (await cache.match(request)) || (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    if (request.mode === "navigate") {
      const today = await cache.match("/");
      if (today) return today;
    }
    throw error;
  }
}
