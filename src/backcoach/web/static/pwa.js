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

// Reminders in personal mode: a notification on the planned days and time, shown by
// this page while the app is open. Opt-in from Settings, which says what it is for
// before the browser asks; the plan stays on this device.
(function () {
  const KEY = "backcoach.reminder";
  const SHOWN_KEY = "backcoach.reminder.shown";
  const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]; // Date.getDay() order
  const LATE_MINUTES = 30; // a page opened this long after the time still reminds
  const CHECK_MS = 20 * 1000;
  const supported = "Notification" in window;

  function read(key) {
    try {
      return JSON.parse(localStorage.getItem(key) || "null");
    } catch (_) {
      return null;
    }
  }

  function write(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (_) {
      /* private mode: reminders last as long as the page */
    }
  }

  function localDay(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  function due(plan, date) {
    if (!plan || !plan.days.includes(DAY_CODES[date.getDay()])) return false;
    const [hours, minutes] = plan.time.split(":").map(Number);
    const late = date.getHours() * 60 + date.getMinutes() - (hours * 60 + minutes);
    return late >= 0 && late <= LATE_MINUTES && read(SHOWN_KEY) !== localDay(date);
  }

  async function remind() {
    const plan = read(KEY);
    const date = new Date();
    if (!supported || Notification.permission !== "granted" || !due(plan, date)) return;
    write(SHOWN_KEY, localDay(date));
    const text = {
      body: "Time for your lower-back stretches. Open backcoach to start today's routine; stop if anything hurts.",
      tag: "backcoach-reminder",
      icon: "/static/icons/icon-192.png",
    };
    const registration = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistration() : null;
    if (registration) await registration.showNotification("backcoach", text);
    else new Notification("backcoach", text);
  }

  function settings(box) {
    const days = () => [...box.querySelectorAll("input[name=notify-day]:checked")].map((i) => i.value);
    const status = box.querySelector("#notify-status");
    const time = box.querySelector("#notify-time");

    function render(message) {
      const plan = read(KEY);
      if (plan) {
        time.value = plan.time;
        for (const input of box.querySelectorAll("input[name=notify-day]")) input.checked = plan.days.includes(input.value);
      }
      box.querySelector("#notify-off").hidden = !plan;
      box.querySelector("#notify-on").textContent = plan ? "Save reminder days and time" : "Turn on reminders";
      status.textContent = message || (plan ? `Reminders are on: ${plan.days.join(", ")} at ${plan.time}.` : "Reminders are off.");
    }

    box.querySelector("#notify-on").addEventListener("click", async () => {
      if (!days().length || !time.value) return render("Pick at least one day and a time first.");
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        return render("Your browser did not allow notifications, so reminders stay off. You can allow them in the browser's site settings.");
      }
      write(KEY, { days: days(), time: time.value });
      render();
    });
    box.querySelector("#notify-off").addEventListener("click", () => {
      write(KEY, null);
      render();
    });
    box.hidden = false;
    render();
  }

  if (!supported) return;
  const box = document.getElementById("notify-settings");
  if (box) settings(box);
  remind();
  setInterval(remind, CHECK_MS);
})();
