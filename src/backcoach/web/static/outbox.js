/*
 * backcoach outbox: what the session player has to tell the server, kept until
 * the server has it.
 *
 * Every post (a completed step, a pause, a skip, "it hurts", the finish) goes in
 * a queue saved in localStorage under the session's id, so a reload or a closed
 * tab keeps it too. Posts leave strictly in order, one at a time: the server
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

  function Outbox(api, sessionId, onChange) {
    const key = "backcoach.outbox." + sessionId;
    const items = read();
    const answers = new Map(); // post id -> {resolve, reject}, for posts queued by this page
    let waiters = [];
    let sending = false;
    let failures = 0;
    let state = items.length ? "saving" : "idle";
    let wake = null; // cuts a retry wait short (the browser says it is back online)

    function read() {
      try {
        const stored = JSON.parse(localStorage.getItem(key) || "[]");
        return Array.isArray(stored) ? stored : [];
      } catch (_) {
        return [];
      }
    }

    function save() {
      try {
        if (items.length) localStorage.setItem(key, JSON.stringify(items));
        else localStorage.removeItem(key);
      } catch (_) {
        /* private mode or full: the queue still lives as long as the page */
      }
    }

    function setState(next, error) {
      if (next === state && !error) return;
      state = next;
      onChange(state, error || null);
    }

    function send(path, body, options) {
      const id = newId();
      const payload = options && options.named ? { ...body, event_id: id } : body;
      items.push({ id, path, body: payload });
      save();
      const answer = new Promise((resolve, reject) => answers.set(id, { resolve, reject }));
      answer.catch(() => {}); // a refusal is reported through onChange; callers may ignore it
      pump();
      return answer;
    }

    function drained() {
      return items.length ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve();
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
          save();
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
    if (items.length) pump(); // left over from before a reload

    return {
      send,
      drained,
      pending: () => items.length,
      get state() {
        return state;
      },
    };
  }

  window.backcoach = window.backcoach || {};
  window.backcoach.Outbox = Outbox;
})();
