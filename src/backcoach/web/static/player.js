/*
 * backcoach session player.
 *
 * The server sends the whole session: its timeline (built by the core session
 * engine, the same one the terminal coach runs), the cues of each step, and
 * where to go on skip, back or "it hurts". This file only keeps time and shows
 * things; it makes no decisions about exercises or safety.
 *
 * Timing: every step boundary is a deadline measured from the session's
 * origin with performance.now(), so late timer ticks never add up to drift.
 * Pausing (or a closed camera gate) shifts the origin by the paused time.
 *
 * Contract for the camera coach (camera.js), kept small on purpose:
 *   - document receives CustomEvent 'backcoach:step' at each step start, with
 *     detail {exercise, kind, side, seconds, index}.
 *   - document receives CustomEvent 'backcoach:camera' with detail {on} when
 *     the person toggles the "Camera coach" button (shown only when camera.js
 *     is loaded and calls window.backcoach.player.enableCamera()).
 *   - window.backcoach.player.setHoldGate(open) freezes the countdown of a
 *     hold while the gate is closed (the body is not in position) and lets it
 *     run again when open; it does nothing while camera mode is off.
 *   - #camera-slot in the page is where camera UI can mount.
 *   - window.backcoach.player.state() returns {index, kind, paused, gateOpen}.
 *   - window.backcoach.player.say(text) shows text in the player's announcer and
 *     speaks it when the person has the voice on (the player's own voice setting).
 *
 * Pauses the person makes (button or space) are stored as session events, like
 * the terminal coach's; the pause while the "it hurts" question is open is not.
 *
 * Everything stored goes through the outbox (outbox.js): in order, kept across a
 * reload, retried until the server has it. The player never waits for it while
 * running: where skip, back and "it hurts" lead comes with each step in the
 * session document (the engine's answers), and "Saved" shows only once the
 * server holds everything.
 */
(function () {
  "use strict";

  const root = document.getElementById("player");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const api = root.dataset.api;
  const timeScale = Number(root.dataset.timeScale || "1") || 1;
  const RING_LENGTH = 2 * Math.PI * 54;

  const prefs = {
    voice: readPref("voice", root.dataset.voice !== "false"),
    sound: readPref("sound", root.dataset.sounds !== "false"),
  };

  let session = null; // the server's session document
  let offsets = []; // seconds from the session start to the start of each step
  let index = 0;
  let origin = 0; // performance.now() at which session time zero fell
  let pausedAt = null; // performance.now() when a pause began
  let frozenAt = null; // performance.now() when the camera gate closed
  let gateOpen = true;
  let cameraOn = false;
  let firedCues = new Set();
  let frame = null;
  let wakeLock = null;
  let outbox = null; // this session's queue of posts (outbox.js)
  let stoppedEarly = false;
  let pausedForHurt = false; // the "it hurts" question paused the session, not the person
  let letSpeechFinish = false; // the next cue waits for the words before it
  const cautionsRead = new Set(); // get-ready steps whose cautions the person dismissed

  // ---------------------------------------------------------------- helpers
  function readPref(name, fallback) {
    try {
      const stored = localStorage.getItem("backcoach." + name);
      return stored === null ? fallback : stored === "on";
    } catch (_) {
      return fallback;
    }
  }

  function writePref(name, on) {
    prefs[name] = on;
    try {
      localStorage.setItem("backcoach." + name, on ? "on" : "off");
    } catch (_) {
      /* private mode: the choice lasts for this page only */
    }
  }

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.message || "The server said " + response.status);
      error.data = data;
      throw error;
    }
    return data;
  }

  function showError(error) {
    const box = $("player-error");
    box.textContent = error.message + " Reload the page to go on.";
    box.hidden = false;
  }

  const SAVE_STATUS = {
    idle: "",
    saving: "Saving…",
    retrying: "Not saved yet: will retry",
    saved: "Saved",
  };

  function showSaving(state, refused) {
    const status = $("player-saved");
    status.textContent = SAVE_STATUS[state];
    status.dataset.state = state;
    showConnection();
    if (refused) showError(refused);
  }

  // navigator.onLine is only a hint, but "offline" is reliable: then say plainly that
  // nothing done here is lost.
  const OFFLINE_TEXT =
    "You are offline. Everything you do is kept on this device and sent, in order, when the connection is back: nothing is lost.";
  const OFFLINE_FINISHED = " Your session is finished and kept here until then.";

  function showConnection() {
    const note = $("player-offline");
    const finished = outbox && outbox.finishing();
    note.textContent = OFFLINE_TEXT + (finished ? OFFLINE_FINISHED : "");
    note.hidden = navigator.onLine;
  }

  // Where this session was on this device, for a page opened offline (the server
  // decides where to resume whenever it can be asked).
  function remember(at) {
    try {
      localStorage.setItem("backcoach.position." + session.id, String(at));
    } catch (_) {
      /* private mode: an offline reload starts from where the server last knew */
    }
  }

  function rememberedPosition(sessionId) {
    try {
      const stored = localStorage.getItem("backcoach.position." + sessionId);
      return stored === null ? null : Number(stored);
    } catch (_) {
      return null;
    }
  }

  function useOutbox(sessionId) {
    if (!outbox) outbox = window.backcoach.Outbox(api, sessionId, showSaving);
    showSaving(outbox.state);
    return outbox;
  }

  // Events carry the outbox's id for the post, so the server stores each once.
  function store(path, body, named = true) {
    return outbox.send(`/${session.id}/${path}`, body, { named });
  }

  function show(screenId) {
    for (const screen of root.querySelectorAll("[data-screen]")) {
      screen.hidden = screen.id !== screenId;
    }
    $("player-hurt").hidden = screenId !== "screen-run";
    const heading = $(screenId).querySelector("h1, h2");
    if (heading) heading.focus({ preventScroll: false });
  }

  function unit() {
    return 1000 * timeScale;
  }

  function now() {
    return performance.now();
  }

  // Session seconds elapsed, not counting pauses or a closed gate.
  function elapsed() {
    const stoppedSince = pausedAt ?? frozenAt;
    return ((stoppedSince ?? now()) - origin) / unit();
  }

  function jumpTo(target) {
    index = Math.max(0, Math.min(target, session.steps.length));
    origin = now() - offsets[index] * unit();
    if (pausedAt !== null) pausedAt = now();
    if (frozenAt !== null) frozenAt = now();
    firedCues = new Set();
    if (index >= session.steps.length) return finishSteps();
    startStep();
  }

  // ---------------------------------------------------------------- sound and voice
  let audio = null;
  const TONES = {
    start: [[660, 0.12], [880, 0.18]],
    halfway: [[740, 0.15]],
    tick: [[520, 0.08]],
    done: [[880, 0.12], [660, 0.12], [520, 0.25]],
    switch: [[600, 0.12], [600, 0.12]],
  };

  function beep(name) {
    if (!prefs.sound || !TONES[name]) return;
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    let at = audio.currentTime + 0.01;
    for (const [frequency, seconds] of TONES[name]) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + seconds + 0.02);
      at += seconds + 0.04;
    }
  }

  // options.letFinish: the next cue queues after these words instead of cutting them off.
  function say(text, options) {
    if (!text) return;
    $("player-announce").textContent = text;
    if (!prefs.voice || !("speechSynthesis" in window)) return;
    if (!letSpeechFinish) window.speechSynthesis.cancel();
    letSpeechFinish = Boolean(options && options.letFinish);
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  // ---------------------------------------------------------------- wake lock
  async function keepAwake() {
    if (!("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
    } catch (_) {
      wakeLock = null; // refused (battery saver, no permission): the session still runs
    }
  }

  function releaseWake() {
    if (wakeLock) wakeLock.release().catch(() => {});
    wakeLock = null;
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && frame !== null) keepAwake();
  });

  // ---------------------------------------------------------------- rendering
  function exerciseOf(step) {
    return step && step.exercise ? session.exercises[step.exercise] : null;
  }

  function renderExercise(step) {
    const exercise = exerciseOf(step);
    const figure = $("player-figure");
    const name = exercise ? exercise.name : step.label;
    if (figure.dataset.exercise !== (step.exercise || "")) {
      figure.innerHTML = exercise ? exercise.figure_svg : "";
      figure.dataset.exercise = step.exercise || "";
      fillList($("player-steps"), exercise ? exercise.steps : []);
      $("player-steps-box").hidden = !exercise;
      fillList($("cautions-list"), exercise ? exercise.cautions || [] : []);
      fillList($("stop-list"), exercise ? exercise.stop_if || [] : []);
      askLiking(exercise ? step.exercise : null);
    }
    renderSafety(step);
    $("player-name").textContent = name;
    $("player-label").textContent = step.label;
    $("player-side").textContent = step.side ? step.side_label : "";
    $("player-side").hidden = !step.side;
    $("player-cue").textContent = step.cue || "";
    root.dataset.kind = step.kind;
  }

  // ---------------------------------------------------------------- like and dislike
  // Not part of the session: a plain call that changes future routines, never this one.
  const LIKING_STATUS = {
    like: "Liked: your routines include it more often.",
    dislike: "Disliked: left out of your routines from the next one.",
  };
  const likings = {}; // exercise id -> "like", "dislike" or null, as the server last said

  function preferenceUrl(exerciseId) {
    return `/api/exercises/${encodeURIComponent(exerciseId)}/preference`;
  }

  function renderLiking(exerciseId) {
    const liking = likings[exerciseId];
    $("player-liking").hidden = !exerciseId;
    $("player-like").setAttribute("aria-pressed", String(liking === "like"));
    $("player-dislike").setAttribute("aria-pressed", String(liking === "dislike"));
    $("player-liking-status").textContent = LIKING_STATUS[liking] || "";
  }

  async function askLiking(exerciseId) {
    renderLiking(exerciseId);
    if (!exerciseId || exerciseId in likings) return;
    try {
      const response = await fetch(preferenceUrl(exerciseId), { headers: { Accept: "application/json" } });
      if (response.ok) likings[exerciseId] = (await response.json()).preference;
    } catch (_) {
      return; // offline: the buttons still work once the server is back
    }
    const current = session.steps[index];
    if (current && current.exercise === exerciseId) renderLiking(exerciseId);
  }

  async function chooseLiking(kind) {
    const exerciseId = (session.steps[index] || {}).exercise;
    if (!exerciseId) return;
    const undo = likings[exerciseId] === kind;
    const options = undo
      ? { method: "DELETE", headers: { Accept: "application/json" } }
      : {
          method: "PUT",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ preference: kind }),
        };
    try {
      const response = await fetch(preferenceUrl(exerciseId), options);
      if (!response.ok) throw new Error(String(response.status));
      likings[exerciseId] = (await response.json()).preference;
      renderLiking(exerciseId);
    } catch (_) {
      $("player-liking-status").textContent = "Not saved: try again when you are back online.";
    }
  }

  function fillList(list, texts) {
    list.replaceChildren(
      ...texts.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      })
    );
  }

  const BEFORE_KINDS = ["transition", "get_ready"];

  // The get-ready step of the exercise block a step belongs to, and the seconds before the work.
  function leadIn(at) {
    const exercise = session.steps[at].exercise;
    let first = at;
    while (first > 0 && session.steps[first - 1].exercise === exercise) first -= 1;
    const before = session.steps.slice(first, at + 1).filter((s) => BEFORE_KINDS.includes(s.kind));
    const ready = session.steps.findIndex((s, i) => i >= first && s.kind === "get_ready");
    return { ready, seconds: before.reduce((sum, s) => sum + s.seconds, 0) };
  }

  // Cautions ("skip this if ...") before an exercise, when to stop while it runs. When the
  // time before it is too short to read them, the cautions stay up until "Got it".
  function renderSafety(step) {
    const exercise = exerciseOf(step);
    const before = BEFORE_KINDS.includes(step.kind);
    const lead = exercise ? leadIn(index) : { ready: -1, seconds: 0 };
    const short = exercise && lead.seconds < (exercise.cautions_seconds || 0);
    const unread = Boolean(!before && short && !cautionsRead.has(lead.ready));
    const cautions = Boolean(exercise && (exercise.cautions || []).length && (before || unread));
    $("player-cautions").hidden = !cautions;
    $("cautions-ok").hidden = !(cautions && unread);
    $("cautions-ok").dataset.ready = String(lead.ready);
    $("player-stop").hidden = !(exercise && !before && (exercise.stop_if || []).length);
  }

  function dismissCautions() {
    cautionsRead.add(Number($("cautions-ok").dataset.ready));
    if (index < session.steps.length) renderSafety(session.steps[index]);
  }

  function renderNext() {
    const next = session.steps.slice(index + 1).find((s) => s.exercise && s.exercise !== session.steps[index].exercise);
    const box = $("player-next");
    box.textContent = next ? exerciseOf(next).name : "The end: how your back feels";
  }

  function renderProgress() {
    const total = session.total_seconds || 1;
    const done = Math.min(total, Math.max(0, elapsed()));
    const bar = $("player-progress");
    bar.value = Math.round((100 * done) / total);
    bar.textContent = bar.value + "%";
    $("player-stepcount").textContent = `Step ${Math.min(index + 1, session.steps.length)} of ${session.steps.length}`;
  }

  function renderRing(step, left) {
    const fraction = step.seconds > 0 ? Math.max(0, Math.min(1, left / step.seconds)) : 0;
    $("ring-progress").style.strokeDashoffset = String(RING_LENGTH * (1 - fraction));
    const shown = Math.ceil(left - 1e-6);
    const number = $("ring-number");
    if (number.textContent !== String(shown)) number.textContent = String(shown);
  }

  function renderCount(step) {
    const count = $("player-count");
    if (count.textContent !== step.count_text) count.textContent = step.count_text || "";
  }

  // Flows come as one step per breath phase: the shape grows while breathing in
  // and shrinks while breathing out, over exactly that step's seconds.
  function renderBreath(step, into) {
    const box = $("player-breath");
    const breathing = step.kind === "breath_in" || step.kind === "breath_out";
    box.hidden = !breathing;
    if (!breathing) return;
    const fraction = Math.max(0, Math.min(1, into / step.seconds));
    const size = step.kind === "breath_in" ? fraction : 1 - fraction;
    $("breath-shape").style.transform = `scale(${(0.45 + 0.55 * size).toFixed(3)})`;
    const label = $("breath-word");
    if (label.textContent !== step.label) label.textContent = step.label;
  }

  // ---------------------------------------------------------------- running
  function startStep() {
    const step = session.steps[index];
    remember(index);
    renderExercise(step);
    renderNext();
    document.dispatchEvent(
      new CustomEvent("backcoach:step", {
        detail: { exercise: step.exercise, kind: step.kind, side: step.side, seconds: step.seconds, index },
      })
    );
  }

  function fireCues(step, into) {
    for (const [number, cue] of (step.cues || []).entries()) {
      const key = index + ":" + number;
      if (into + 1e-6 < cue.at || firedCues.has(key)) continue;
      firedCues.add(key);
      if (into - cue.at > 1.5) continue; // long past (a resumed or backgrounded tab): stay quiet
      if (cue.sound) beep(cue.sound);
      if (cue.text) say(cue.text);
    }
  }

  function tick() {
    frame = requestAnimationFrame(tick);
    if (pausedAt !== null) return;
    updateGate();
    const at = elapsed();
    while (index < session.steps.length && at >= offsets[index + 1]) {
      fireCues(session.steps[index], session.steps[index].seconds);
      completeStep(index);
      index += 1;
      firedCues = new Set();
      if (index >= session.steps.length) return finishSteps();
      startStep();
    }
    const step = session.steps[index];
    const into = at - offsets[index];
    fireCues(step, into);
    renderRing(step, step.seconds - into);
    renderCount(step);
    renderBreath(step, into);
    renderProgress();
  }

  // The camera gate only ever holds back a hold, and only while camera mode is on.
  function updateGate() {
    const step = session.steps[index];
    const shouldFreeze = cameraOn && !gateOpen && step && step.gated;
    if (shouldFreeze && frozenAt === null) {
      frozenAt = now();
      root.classList.add("is-gated");
    } else if (!shouldFreeze && frozenAt !== null) {
      origin += now() - frozenAt;
      frozenAt = null;
      root.classList.remove("is-gated");
    }
  }

  function completeStep(stepIndex) {
    store("steps", { index: stepIndex }, false); // a step is known by its index
  }

  function elapsedInStep() {
    return Math.max(0, elapsed() - offsets[index]);
  }

  function run(fromIndex) {
    show("screen-run");
    keepAwake();
    origin = now() - offsets[fromIndex] * unit();
    index = fromIndex;
    firedCues = new Set();
    if (index >= session.steps.length) return finishSteps();
    startStep();
    if (frame === null) frame = requestAnimationFrame(tick);
  }

  function stopRunning() {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    releaseWake();
    // Stop the cues, but let the advice after a sharp pain be heard to the end.
    if ("speechSynthesis" in window && !letSpeechFinish) window.speechSynthesis.cancel();
  }

  function finishSteps(message) {
    stopRunning();
    beep("done");
    $("after-message").textContent = message || "Well done. That is the end of today's session.";
    show("screen-after");
  }

  // ---------------------------------------------------------------- controls
  // record: false for the pause while the "it hurts" question is open (not the person's pause).
  function togglePause(record = true) {
    if (frame === null) return;
    const pausing = pausedAt === null;
    if (record) {
      const moment = { index: Math.min(index, session.steps.length - 1), elapsed: elapsedInStep() };
      store(pausing ? "pause" : "resume", moment);
    }
    if (pausing) {
      pausedAt = now();
      window.speechSynthesis && window.speechSynthesis.cancel();
      root.classList.add("is-paused");
      setButton($("player-pause"), "Resume", "Resume (space)");
      say("Paused");
    } else {
      origin += now() - pausedAt;
      pausedAt = null;
      root.classList.remove("is-paused");
      setButton($("player-pause"), "Pause", "Pause (space)");
    }
  }

  function setButton(button, text, title) {
    button.querySelector(".label").textContent = text;
    button.title = title;
  }

  // Where skip and back lead is the session engine's rule, sent with each step.
  function move(action) {
    if (frame === null) return;
    const moves = session.steps[index].moves;
    const into = elapsedInStep();
    store(action, { index, elapsed: into });
    if (action === "skip") return jumpTo(moves.skip);
    jumpTo(into > moves.back_restart_after ? moves.back_restart : moves.back_before);
  }

  function skip() {
    move("skip");
  }

  function back() {
    move("back");
  }

  function openHurt() {
    if (frame === null) return;
    pausedForHurt = pausedAt === null;
    if (pausedForHurt) togglePause(false);
    $("hurt-dialog").showModal();
  }

  // After the question: go on, unless the person had paused before asking.
  function resumeAfterHurt() {
    if (pausedForHurt && pausedAt !== null) togglePause(false);
    pausedForHurt = false;
  }

  // Sharp pain stops, a mild one goes on at the next exercise: at once, even offline.
  function answerHurt(kind) {
    $("hurt-dialog").close();
    const message = session.exercises[session.steps[index].exercise].hurt_messages[kind];
    store("hurt", { index, elapsed: elapsedInStep(), severity: kind });
    say(message, { letFinish: true });
    if (kind === "sharp") {
      $("after-advice").textContent = message;
      $("after-advice").hidden = false;
      stoppedEarly = true;
      return finishSteps("You stopped when it hurt: that was the right thing to do.");
    }
    resumeAfterHurt();
    $("player-notice").textContent = message;
    jumpTo(session.steps[index].moves.after_mild_hurt);
  }

  function cancelHurt() {
    $("hurt-dialog").close();
    resumeAfterHurt();
  }

  function toggle(name, button) {
    writePref(name, !prefs[name]);
    button.setAttribute("aria-pressed", String(prefs[name]));
    if (name === "voice" && !prefs.voice && "speechSynthesis" in window) window.speechSynthesis.cancel();
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if ($("hurt-dialog").open || frame === null) return;
    const tag = (event.target.tagName || "").toLowerCase();
    if (["input", "textarea", "select"].includes(tag)) return;
    const key = event.key.toLowerCase();
    if (key === " " && tag !== "button") {
      event.preventDefault();
      togglePause(true);
    } else if (key === "n") skip();
    else if (key === "b") back();
    else if (key === "h") openHurt();
  }

  // ---------------------------------------------------------------- start and finish
  function load(data) {
    session = data;
    offsets = [0];
    for (const step of session.steps) offsets.push(offsets[offsets.length - 1] + step.seconds);
    history.replaceState(null, "", session.page_url);
    if (session.status !== "active") {
      $("done-message").textContent = session.status_message;
      return show("screen-done");
    }
    useOutbox(session.id);
    if (window.backcoach.keepOffline) window.backcoach.keepOffline([session.page_url, `${api}/${session.id}`]);
    const notes = [...(session.notes || [])];
    if (session.resume_index > 0) notes.unshift("Welcome back: carrying on where you left off.");
    $("player-notice").textContent = notes.join(" ");
    run(session.resume_index);
  }

  function painValue(form) {
    const checked = form.querySelector("input[name=pain]:checked");
    return checked ? Number(checked.value) : null;
  }

  async function startSession(event) {
    event.preventDefault();
    const pain = painValue(event.target);
    if (pain === null) {
      $("before-error").textContent = "Choose a number from 0 to 10 first.";
      return;
    }
    try {
      const body = { pain_before: pain, ...JSON.parse(root.dataset.request || "{}") };
      load(await call("POST", "", body));
    } catch (error) {
      if (error.data && error.data.page_url) {
        window.location.href = error.data.page_url;
        return;
      }
      // The server plans and records the session, so a new one needs it once, at the start.
      $("before-error").textContent = navigator.onLine
        ? error.message
        : "You are offline: a new session can start once the connection is back. A session already started carries on offline.";
    }
  }

  async function finishSession(event) {
    event.preventDefault();
    const pain = painValue(event.target);
    if (pain === null) {
      $("after-error").textContent = "Choose a number from 0 to 10 first.";
      return;
    }
    const button = event.target.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    $("after-error").textContent = "";
    try {
      // Answered only after every step and event before it: then the session is saved.
      const data = await store("finish", { pain_after: pain, completed: !stoppedEarly }, false);
      const advice = (data.advice || []).join(" ");
      if (advice) {
        $("done-advice").textContent = advice;
        $("done-advice").hidden = false;
      }
      $("done-message").textContent = data.status_message;
      show("screen-done");
    } catch (error) {
      $("after-error").textContent = error.message;
      if (button) button.disabled = false;
    }
  }

  function wire() {
    $("form-before").addEventListener("submit", startSession);
    $("form-after").addEventListener("submit", finishSession);
    $("player-pause").addEventListener("click", () => togglePause(true));
    $("player-skip").addEventListener("click", skip);
    $("player-back").addEventListener("click", back);
    $("player-hurt").addEventListener("click", openHurt);
    $("hurt-sharp").addEventListener("click", () => answerHurt("sharp"));
    $("hurt-mild").addEventListener("click", () => answerHurt("mild"));
    $("hurt-cancel").addEventListener("click", cancelHurt);
    $("cautions-ok").addEventListener("click", dismissCautions);
    $("player-like").addEventListener("click", () => chooseLiking("like"));
    $("player-dislike").addEventListener("click", () => chooseLiking("dislike"));
    $("hurt-dialog").addEventListener("cancel", (event) => {
      event.preventDefault();
      cancelHurt();
    });
    for (const name of ["voice", "sound"]) {
      const button = $("toggle-" + name);
      button.setAttribute("aria-pressed", String(prefs[name]));
      button.addEventListener("click", () => toggle(name, button));
    }
    $("toggle-camera").addEventListener("click", (event) => {
      cameraOn = !cameraOn;
      event.currentTarget.setAttribute("aria-pressed", String(cameraOn));
      document.dispatchEvent(new CustomEvent("backcoach:camera", { detail: { on: cameraOn } }));
    });
    document.addEventListener("keydown", onKey);
  }

  window.backcoach = window.backcoach || {};
  window.backcoach.player = {
    say: (text) => say(String(text ?? "")),
    setHoldGate(open) {
      gateOpen = Boolean(open);
    },
    enableCamera() {
      $("toggle-camera").hidden = false;
    },
    state() {
      const step = session && session.steps[index];
      return { index, kind: step ? step.kind : null, paused: pausedAt !== null, gateOpen, cameraOn };
    },
  };

  // Pain already given on Today (?pain=N) is chosen here too: the plan shown is the one run.
  function preselectPain() {
    const given = new URLSearchParams(window.location.search).get("pain");
    if (given === null || !/^(10|[0-9])$/.test(given)) return;
    const input = $("form-before").querySelector(`input[name=pain][value="${given}"]`);
    if (input) input.checked = true;
  }

  // Opened offline (from the service worker) with posts still to send: a finished
  // session waits for the server; one in progress carries on from the copy the
  // service worker kept, at the step this device reached.
  async function openOffline(box, sessionId) {
    showConnection();
    if (box.finishing()) {
      await box.drained();
      return load(await call("GET", "/" + sessionId));
    }
    const data = await call("GET", "/" + sessionId);
    const at = rememberedPosition(sessionId);
    load(at === null ? data : { ...data, resume_index: Math.max(0, Math.min(at, data.steps.length)) });
  }

  async function open(sessionId) {
    const box = useOutbox(sessionId);
    await box.ready();
    if (box.pending() && !navigator.onLine) return openOffline(box, sessionId);
    // Posts left from before a reload go first: where to resume depends on them.
    await box.drained();
    load(await call("GET", "/" + sessionId));
  }

  wire();
  preselectPain();
  window.addEventListener("online", showConnection);
  window.addEventListener("offline", showConnection);
  showConnection();
  if (root.dataset.sessionId) {
    open(root.dataset.sessionId).catch(showError);
  } else {
    show("screen-before");
  }
})();
