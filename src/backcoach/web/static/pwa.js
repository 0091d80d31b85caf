// Installs the service worker (sw.js) that keeps the app usable offline, and asks it
// to keep the page on screen and Today. Every page works without it.
"use strict";

(function () {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;

  function keep(urls) {
    navigator.serviceWorker.ready.then((registration) => {
      if (registration.active) registration.active.postMessage({ keep: urls });
    });
  }

  window.backcoach = window.backcoach || {};
  window.backcoach.keepOffline = keep;

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(
    () => keep(["/", window.location.pathname + window.location.search]),
    () => {} // refused (private mode, blocked by a policy): the app simply stays online-only
  );
})();
