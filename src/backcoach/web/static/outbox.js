/*
 * backcoach outbox: what the session player has to tell the server, kept until
 * the server has it.
 *
 * Every post (a completed step, a pause, a skip, "it hurts", the finish) goes in
 * a queue saved in IndexedDB under the session's id, so a reload, a closed tab or
 * a page opened offline from the service worker keeps it too (a queue left in
 * localStorage by an older version is moved there). Posts leave strictly in order, one at a time: the server
 * decides where a session resumes from the steps and events it holds, so a later
 * one must never arrive before an earlier one. A post that fails for a passing
 * reason (no network, a timeout, too many requests, a server error) is retried
 * with a growing wait; the server stores each post once however often it comes
 * (steps by their index, events by the id given here), so a retry after a lost
 * answer does no harm. A post the server refuses for good (any other 4xx) is
 * dropped, and the person is told.
 *
 * window.backcoach.Outbox(api, sessionId, onChange) -> {send, drained, pending, state}
 *   send(path, body, {named}) queues a POST of body to api + path; named: the body
 *     carries the post's own id as event_id. Returns a promise of the server's
 *     answer (rejected when it was refused for good).
 *   drained() resolves when nothing is left to send.
 *   ready() resolves once the queue saved on this device is read; pending() counts
 *     the posts not yet sent, finishing() says whether the finish is among them.
 *   state is "idle" (nothing sent yet), "saving", "retrying" or "saved";
 *   onChange(state, error) is called whenever it changes or a post is refused.
 */
(function () {
  "use strict";

  const FIRST_WAIT_MS = 500;
  const LONGEST_WAIT_MS = 8000;
  const RETRY_STATUSES = new Set([408, 425, 429]);

  function newId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    // randomUUID needs a secure context; getRandomValues works on a LAN address too.
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function request(idbRequest) {
    return new Promise((resolve, reject) => {
      idbRequest.onsuccess = () => resolve(idbRequest.result);
      idbRequest.onerror = () => reject(idbRequest.error);
    });
  }

  function openDatabase() {
    if (!window.indexedDB) return Promise.reject(new Error("no IndexedDB"));
    const opening = window.indexedDB.open("backcoach", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("outbox", { keyPath: ["session", "seq"] });
    return request(opening);
  }

  // The posts of one session on this device, in the order they were queued: keyed by
  // [session, seq], so reading a session's range returns them in that order.
  function DeviceQueue(sessionId) {
    const session = String(sessionId);
    const legacyKey = "backcoach.outbox." + sessionId;
    let database = openDatabase();
    let seq = 0;
    let writes = Promise.resolve();

    function run(mode, work) {
      return database.then((db) => {
        const transaction = db.transaction("outbox", mode);
        const result = work(transaction.objectStore("outbox"));
        return new Promise((resolve, reject) => {
          transaction.oncomplete = () => resolve(result);
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        });
      });
    }

    function legacy() {
      try {
        const stored = JSON.parse(localStorage.getItem(legacyKey) || "[]");
        return Array.isArray(stored) ? stored : [];
      } catch (_) {
        return [];
      }
    }

    async function load() {
      let stored = [];
      try {
        const range = IDBKeyRange.bound([session, -Infinity], [session, Infinity]);
        stored = await run("readonly", (objects) => request(objects.getAll(range)));
      } catch (_) {
        database = Promise.reject(new Error("IndexedDB refused")); // the queue lives in the page
        database.catch(() => {});
      }
      seq = stored.reduce((top, item) => Math.max(top, item.seq), 0);
      const moved = legacy().map((item) => ({ ...item, session, seq: ++seq }));
      for (const item of moved) write((objects) => objects.put(item));
      if (moved.length) write(() => localStorage.removeItem(legacyKey));
      return [...stored, ...moved];
    }

    // Writes go one after another, so the device never holds a later post without an earlier one.
    function write(work) {
      writes = writes.then(() => run("readwrite", work)).catch(() => {
        /* private mode or full: the queue still lives as long as the page */
      });
      return writes;
    }

    return {
      load,
      add(item) {
        item.session = session;
        item.seq = ++seq;
        return write((objects) => objects.put(item));
      },
      remove(item) {
        return write((objects) => objects.delete([session, item.seq]));
      },
    };
  }

  function Outbox(api, sessionId, onChange) {
    const device = DeviceQueue(sessionId);
    const items = [];
    const answers = new Map(); // post id -> {resolve, reject}, for posts queued by this page
    let waiters = [];
    let sending = false;
    let failures = 0;
    let state = "idle";
    let wake = null; // cuts a retry wait short (the browser says it is back online)
    const loaded = device.load().then((stored) => {
      items.unshift(...stored); // queued before this page: they go first
      if (items.length) pump();
    });

    function setState(next, error) {
      if (next === state && !error) return;
      state = next;
      onChange(state, error || null);
    }

    function send(path, body, options) {
      const id = newId();
      const payload = options && options.named ? { ...body, event_id: id } : body;
      const item = { id, path, body: payload };
      items.push(item);
      loaded.then(() => device.add(item));
      const answer = new Promise((resolve, reject) => answers.set(id, { resolve, reject }));
      answer.catch(() => {}); // a refusal is reported through onChange; callers may ignore it
      pump();
      return answer;
    }

    async function drained() {
      await loaded;
      if (items.length) await new Promise((resolve) => waiters.push(resolve));
    }

    // One try: "done" with the answer, "retry", or "refused" with an Error.
    async function attempt(item) {
      let response;
      try {
        response = await fetch(api + item.path, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(item.body),
        });
      } catch (_) {
        return { outcome: "retry" };
      }
      const data = await response.json().catch(() => ({}));
      if (response.ok) return { outcome: "done", data };
      if (response.status >= 500 || RETRY_STATUSES.has(response.status)) return { outcome: "retry" };
      const error = new Error(data.message || "The server refused this: " + response.status);
      error.data = data;
      return { outcome: "refused", error };
    }

    function pause(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
    }

    async function pump() {
      if (sending) return;
      sending = true;
      await loaded;
      try {
        while (items.length) {
          const item = items[0];
          setState(failures ? "retrying" : "saving");
          const result = await attempt(item);
          if (result.outcome === "retry") {
            failures += 1;
            setState("retrying");
            await pause(Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (failures - 1)));
            continue;
          }
          failures = 0;
          items.shift();
          device.remove(item);
          const answer = answers.get(item.id);
          answers.delete(item.id);
          if (result.outcome === "done") {
            if (answer) answer.resolve(result.data);
          } else {
            if (answer) answer.reject(result.error);
            onChange(state, result.error);
          }
        }
        setState("saved");
        const done = waiters;
        waiters = [];
        for (const resolve of done) resolve();
      } finally {
        sending = false;
      }
    }

    window.addEventListener("online", () => wake && wake());

    return {
      send,
      drained,
      ready: () => loaded,
      pending: () => items.length,
      finishing: () => items.some((item) => item.path.endsWith("/finish")),
      get state() {
        return state;
      },
    };
  }

  window.backcoach = window.backcoach || {};
  window.backcoach.Outbox = Outbox;
})();
