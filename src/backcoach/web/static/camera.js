/*
 * backcoach camera coach, for the session player.
 *
 * Pose estimation runs here, on the device, with the vendored MediaPipe
 * tasks-vision and the pose bundles served by this app. Only the 33 body
 * landmarks of each frame (x, y, z, visibility) and a timestamp go to the
 * server, over a WebSocket; the video never leaves the browser. The server's
 * pose core judges the landmarks and answers with a verdict per frame: which
 * exercise it sees, the form checks, whether the hold counts, repetitions and
 * at most one cue to speak. This file only shows that verdict and opens or
 * closes the player's hold gate; it makes no judgement of its own.
 *
 * When the body is not seen well enough, when the camera is refused, or when
 * the connection drops, the gate stays open and the plain timer runs.
 */
(function () {
  "use strict";

  const VENDOR = "/static/vendor/tasks-vision";
  const FILESET = {
    wasmLoaderPath: VENDOR + "/wasm/vision_wasm_internal.js",
    wasmBinaryPath: VENDOR + "/wasm/vision_wasm_internal.wasm",
  };
  const MODEL_URL = (variant) => `/camera/models/pose_landmarker_${variant}.task`;
  const NOT_VISIBLE = "Turn side-on to the camera; keep your whole body in view.";
  const MAX_IN_FLIGHT = 4; // frames sent but not yet answered: beyond this, skip frames
  const SAME_CUE_GAP_MS = 8000;
  const STALE_MS = 2000; // no verdict for this long: stop holding the timer back
  // After the coach says it cannot judge the person (verdict.stuck), the person has this
  // long to choose; then the plain timer carries on by itself, so nobody is ever stuck.
  const FALLBACK_MS = 8000;

  const player = window.backcoach && window.backcoach.player;
  const slot = document.getElementById("camera-slot");
  if (!slot) return;

  const settings = {
    model: readSetting("camera-model", "lite"),
    delegate: readSetting("camera-delegate", "CPU"),
  };
  const stats = { frames: 0, sent: 0, verdicts: 0, skipped: 0, fps: 0, delegate: null, model: null };
  let step = null; // the player's current step (detail of backcoach:step)
  let landmarker = null;
  let landmarkerKey = "";
  let stream = null;
  let socket = null;
  let running = false;
  let inFlight = 0;
  let seq = 0;
  let lastVideoTime = -1;
  let clockStart = 0;
  let fpsWindow = [];
  let lastVerdict = null;
  let lastVerdictAt = 0;
  let watchdog = null;
  let plainTimerFor = null; // exercise the coach could not judge: its holds run on the timer
  let fallbackTimer = null;
  let stepHold = 0; // seconds counted in position on this step, pauses left out
  let lastHoldSeconds = 0; // the coach's running total at the last verdict
  const spoken = new Map(); // cue text -> when it was last spoken
  let names = {};
  let ui = null;

  // ---------------------------------------------------------------- settings
  function readSetting(name, fallback) {
    try {
      return localStorage.getItem("backcoach." + name) || fallback;
    } catch (_) {
      return fallback;
    }
  }

  function writeSetting(name, value) {
    try {
      localStorage.setItem("backcoach." + name, value);
    } catch (_) {
      /* private mode: the choice lasts for this page only */
    }
  }

  // The player's own voice setting: its stored choice, else the server's default.
  function voiceOn() {
    const root = document.getElementById("player");
    const fallback = root && root.dataset.voice === "false" ? "off" : "on";
    return readSetting("voice", fallback) !== "off";
  }

  // ---------------------------------------------------------------- page
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  }

  function buildUi() {
    if (!document.querySelector('link[href="/static/camera.css"]')) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: "/static/camera.css" }));
    }
    const box = el("section", { class: "camera", "aria-label": "Camera coach" });
    const privacy = el("p", { class: "camera-privacy" });
    privacy.innerHTML =
      "<strong>Video stays on this device.</strong> Only the positions of 33 body points " +
      "are sent to this app's own server, to check the stretch. Nothing is recorded.";
    const stage = el("div", { class: "camera-stage" });
    const video = el("video", { class: "camera-video", muted: "", playsinline: "", autoplay: "" });
    video.muted = true;
    const canvas = el("canvas", { class: "camera-overlay", "aria-hidden": "true" });
    stage.append(video, canvas);
    const status = el("p", { class: "camera-status", id: "camera-status", role: "status" }, "Starting the camera…");
    const seen = el("p", { class: "camera-seen", id: "camera-seen" });
    const reps = el("p", { class: "camera-reps", id: "camera-reps", hidden: "" });
    const cue = el("p", { class: "camera-cue", id: "camera-cue", "aria-live": "polite" });
    const checks = el("ul", { class: "camera-checks", id: "camera-checks" });
    box.append(privacy, stage, status, seen, reps, cue, checks, buildSettings());
    slot.appendChild(box);
    return { box, video, canvas, status, seen, reps, cue, checks };
  }

  function buildSettings() {
    const details = el("details", { class: "camera-settings" });
    details.appendChild(el("summary", {}, "Camera settings"));
    const choices = [
      ["camera-model", "model", "Pose model", [["lite", "Lite (faster)"], ["full", "Full (more accurate)"]]],
      ["camera-delegate", "delegate", "Run on", [["CPU", "Processor (works everywhere)"], ["GPU", "Graphics card (faster where it works)"]]],
    ];
    for (const [id, key, label, options] of choices) {
      const field = el("label", { class: "camera-field" }, label + " ");
      const select = el("select", { id });
      for (const [value, text] of options) {
        const option = el("option", { value }, text);
        if (settings[key] === value) option.selected = true;
        select.appendChild(option);
      }
      select.addEventListener("change", () => {
        settings[key] = select.value;
        writeSetting(id, select.value);
        if (running) restart();
      });
      field.appendChild(select);
      details.appendChild(field);
    }
    return details;
  }

  function say(text) {
    const last = spoken.get(text) || -Infinity;
    if (performance.now() - last < SAME_CUE_GAP_MS) return;
    spoken.set(text, performance.now());
    // In a session the player speaks (its announcer, its voice setting); the camera
    // check page has no player, so the coach speaks there itself.
    if (player && typeof player.say === "function") return player.say(text);
    if (!voiceOn() || !("speechSynthesis" in window)) return;
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    window.speechSynthesis.speak(utterance);
  }

  function setGate(open) {
    if (player && typeof player.setHoldGate === "function") player.setHoldGate(open);
    if (ui) ui.box.classList.toggle("is-holding", Boolean(open && lastVerdict && lastVerdict.holding));
  }

  function nameOf(id) {
    return names[id] || id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  }

  async function loadNames() {
    try {
      const response = await fetch("/api/exercises", { headers: { Accept: "application/json" } });
      const data = await response.json();
      const list = Array.isArray(data) ? data : data.exercises || data.items || [];
      for (const item of list) if (item && item.id) names[item.id] = item.name || item.id;
    } catch (_) {
      names = {}; // names are a nicety: ids read well enough
    }
  }

  // ---------------------------------------------------------------- verdicts
  function showVerdict(verdict) {
    lastVerdict = verdict;
    const holdStep = step && step.kind === "hold";
    ui.box.classList.toggle("is-fallback", !verdict.visible || !verdict.judged);
    if (!verdict.judged) {
      ui.status.textContent = "The camera cannot check this exercise yet; the timer runs as usual.";
      ui.seen.textContent = "";
      setGate(true);
      return;
    }
    if (!verdict.visible) {
      ui.status.textContent = (verdict.cue || NOT_VISIBLE) + " Until then the timer runs as usual.";
      ui.seen.textContent = "";
      renderChecks([]);
      setGate(true);
      if (verdict.cue) say(verdict.cue);
      return;
    }
    const target = step && step.exercise;
    if (verdict.exercise) {
      const percent = Math.round(100 * (verdict.confidence || 0));
      ui.seen.textContent = `I see: ${nameOf(verdict.exercise)} (${percent}% sure)`;
    } else {
      ui.seen.textContent = "I do not recognise this position yet.";
    }
    countStepHold(verdict);
    if (holdStep && target && plainTimerFor === target) {
      ui.status.textContent = "Carrying on without the camera: the timer runs as usual.";
      setGate(true);
    } else if (holdStep && target) {
      // Seconds already counted as well: a grace period alone never starts the clock.
      const counting = Boolean(verdict.holding && verdict.hold_seconds > 0);
      ui.status.textContent = counting
        ? `In position: holding ${Math.floor(stepHold)} s.`
        : "The hold timer waits until you are in position.";
      setGate(counting);
      if (counting) cancelFallback();
      else if (verdict.stuck) offerFallback(target);
    } else {
      ui.status.textContent = "Camera coach on.";
      setGate(true);
    }
    const countsReps = target && (step.kind === "rep" || step.kind.startsWith("breath"));
    ui.reps.hidden = !countsReps;
    if (countsReps) ui.reps.textContent = `Repetitions counted: ${verdict.reps || 0}`;
    renderChecks(verdict.checks || []);
    if (verdict.cue) {
      ui.cue.textContent = verdict.cue;
      say(verdict.cue);
    }
  }

  // The coach's total runs across the steps of an exercise and through pauses; the
  // person sees only what counted on this step while the session was running.
  function countStepHold(verdict) {
    const gained = verdict.hold_seconds - lastHoldSeconds;
    lastHoldSeconds = verdict.hold_seconds;
    const paused = player && player.state && player.state().paused;
    // A jump is a verdict from the previous exercise's coach arriving late, not time held.
    if (gained > 0 && gained <= 2 && verdict.holding && !paused) stepHold += gained;
  }

  // Said once per exercise: the coach cannot judge the person, who may well be in position.
  function offerFallback(exercise) {
    if (fallbackTimer || ui.fallback) return;
    const text = "I cannot check this position. The timer carries on without the camera in a few seconds.";
    say(text);
    const box = el("p", { class: "camera-fallback", id: "camera-fallback", role: "alert" }, text + " ");
    const button = el("button", { type: "button", id: "camera-plain-timer" }, "Carry on without the camera");
    button.addEventListener("click", () => usePlainTimer(exercise));
    box.appendChild(button);
    ui.fallback = box;
    ui.status.after(box);
    fallbackTimer = setTimeout(() => usePlainTimer(exercise), FALLBACK_MS);
  }

  function usePlainTimer(exercise) {
    cancelFallback();
    plainTimerFor = exercise;
    if (step && step.exercise === exercise) {
      ui.status.textContent = "Carrying on without the camera: the timer runs as usual.";
      setGate(true);
    }
  }

  function cancelFallback() {
    clearTimeout(fallbackTimer);
    fallbackTimer = null;
    if (ui && ui.fallback) ui.fallback.remove();
    if (ui) ui.fallback = null;
  }

  // A range not reached (check.advice) is a tip, not a fault: it never stops the hold.
  function renderChecks(checks) {
    ui.checks.replaceChildren(
      ...checks.map((check) => {
        const state = check.ok ? "ok" : check.advice ? "advice" : "off";
        const mark = { ok: "✓ ", advice: "Tip: ", off: "• " }[state];
        return el("li", { class: state }, mark + (check.cue || check.id));
      })
    );
  }

  // ---------------------------------------------------------------- socket
  function openSocket() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}/ws/pose`);
    inFlight = 0;
    socket.addEventListener("open", sendStart);
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "verdict") {
        inFlight = Math.max(0, inFlight - 1);
        stats.verdicts += 1;
        lastVerdictAt = performance.now();
        if (running) showVerdict(message);
      } else if (message.type === "error") {
        inFlight = Math.max(0, inFlight - 1);
        stats.lastError = message.message;
      }
    });
    socket.addEventListener("close", () => {
      lastVerdictAt = 0;
      if (!running) return;
      ui.status.textContent = "The camera coach lost its connection; the timer runs as usual.";
      setGate(true);
      setTimeout(() => running && openSocket(), 3000);
    });
  }

  function sendStart() {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const video = ui && ui.video;
    const aspect = video && video.videoHeight ? video.videoWidth / video.videoHeight : 4 / 3;
    inFlight = 0;
    socket.send(JSON.stringify({ type: "start", exercise: (step && step.exercise) || null, aspect }));
  }

  // ---------------------------------------------------------------- pose loop
  async function makeLandmarker() {
    const key = settings.model + "/" + settings.delegate;
    if (landmarker && landmarkerKey === key) return;
    if (landmarker) landmarker.close();
    landmarker = null;
    const vision = await import(VENDOR + "/vision_bundle.mjs");
    const options = (delegate) => ({
      baseOptions: { modelAssetPath: MODEL_URL(settings.model), delegate },
      runningMode: "VIDEO",
      numPoses: 1,
      // The same thresholds as the Python adapter: floor poses rarely reach the defaults.
      minPoseDetectionConfidence: 0.3,
      minPosePresenceConfidence: 0.3,
      minTrackingConfidence: 0.3,
    });
    try {
      landmarker = await vision.PoseLandmarker.createFromOptions(FILESET, options(settings.delegate));
      stats.delegate = settings.delegate;
    } catch (error) {
      if (settings.delegate === "CPU") throw error;
      ui.status.textContent = "The graphics card did not work here; using the processor.";
      landmarker = await vision.PoseLandmarker.createFromOptions(FILESET, options("CPU"));
      stats.delegate = "CPU";
    }
    stats.model = settings.model;
    landmarkerKey = key;
  }

  function onFrame() {
    if (!running) return;
    const video = ui.video;
    if (video.readyState >= 2 && video.currentTime !== lastVideoTime) {
      lastVideoTime = video.currentTime;
      const now = performance.now();
      const result = landmarker.detectForVideo(video, now);
      countFrame(now);
      const points = result.landmarks && result.landmarks[0];
      draw(points);
      send(points, now);
    }
    scheduleFrame();
  }

  function scheduleFrame() {
    if (!running) return;
    if (ui.video.requestVideoFrameCallback) ui.video.requestVideoFrameCallback(onFrame);
    else requestAnimationFrame(onFrame);
  }

  function countFrame(now) {
    stats.frames += 1;
    fpsWindow.push(now);
    while (fpsWindow.length && now - fpsWindow[0] > 2000) fpsWindow.shift();
    if (fpsWindow.length > 1) stats.fps = (1000 * (fpsWindow.length - 1)) / (now - fpsWindow[0]);
  }

  // No person found is sent as an unseen body, so the server's visibility rule decides.
  function send(points, now) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    if (inFlight >= MAX_IN_FLIGHT) {
      stats.skipped += 1;
      return;
    }
    const landmarks = points
      ? points.map((p) => [round(p.x), round(p.y), round(p.z), round(p.visibility ?? 0)])
      : Array.from({ length: 33 }, () => [0, 0, 0, 0]);
    seq += 1;
    inFlight += 1;
    stats.sent += 1;
    socket.send(JSON.stringify({ type: "frame", t: (now - clockStart) / 1000, landmarks, seq }));
  }

  function round(value) {
    return Math.round(value * 10000) / 10000;
  }

  const BONES = [[11, 12], [11, 13], [13, 15], [12, 14], [14, 16], [11, 23], [12, 24], [23, 24],
    [23, 25], [25, 27], [24, 26], [26, 28], [27, 31], [28, 32], [0, 11], [0, 12]];

  function draw(points) {
    const { canvas, video } = ui;
    if (canvas.width !== video.videoWidth) canvas.width = video.videoWidth;
    if (canvas.height !== video.videoHeight) canvas.height = video.videoHeight;
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!points) return;
    context.lineWidth = Math.max(2, canvas.width / 160);
    context.strokeStyle = lastVerdict && lastVerdict.holding ? "#2e9d5b" : "#f0b429";
    context.beginPath();
    for (const [a, b] of BONES) {
      if ((points[a].visibility ?? 1) < 0.5 || (points[b].visibility ?? 1) < 0.5) continue;
      context.moveTo(points[a].x * canvas.width, points[a].y * canvas.height);
      context.lineTo(points[b].x * canvas.width, points[b].y * canvas.height);
    }
    context.stroke();
  }

  // ---------------------------------------------------------------- on and off
  async function start() {
    if (running) return;
    ui = ui || buildUi();
    ui.box.hidden = false;
    running = true;
    setGate(true); // the plain timer runs until the coach is actually watching
    try {
      if (!Object.keys(names).length) loadNames();
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } },
        audio: false,
      });
      ui.video.srcObject = stream;
      await ui.video.play();
      ui.status.textContent = "Loading the pose model…";
      await makeLandmarker();
      if (!running) return;
      ui.status.textContent = "Camera coach on. " + NOT_VISIBLE;
      clockStart = performance.now();
      openSocket();
      scheduleFrame();
      watchdog = setInterval(checkStale, 500);
    } catch (error) {
      const refused = error && (error.name === "NotAllowedError" || error.name === "NotFoundError");
      ui.status.textContent =
        (refused ? "No camera could be used. " : "The camera coach could not start: " + error.message + " ") +
        "The timer runs as usual.";
      stop(false);
    }
  }

  // A coach that has gone quiet (slow device, lost server) must never freeze a hold.
  function checkStale() {
    if (!running || !lastVerdictAt || performance.now() - lastVerdictAt < STALE_MS) return;
    lastVerdictAt = 0;
    lastVerdict = null;
    ui.status.textContent = "The camera coach is not keeping up; the timer runs as usual.";
    setGate(true);
  }

  function stop(hide = true) {
    running = false;
    clearInterval(watchdog);
    cancelFallback();
    lastVerdictAt = 0;
    setGate(true);
    if (socket) socket.close();
    socket = null;
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    if (ui) {
      ui.video.srcObject = null;
      ui.box.classList.remove("is-holding", "is-fallback");
      if (hide) ui.box.hidden = true;
    }
  }

  async function restart() {
    stop(false);
    await start();
  }

  // One coach per exercise, not per step: the repetitions of a set are separate steps,
  // and the count must carry across them.
  document.addEventListener("backcoach:step", (event) => {
    const previous = step;
    step = event.detail;
    stepHold = 0;
    if (!running) return;
    if (!previous || previous.exercise !== step.exercise) {
      lastVerdict = null;
      lastHoldSeconds = 0;
      plainTimerFor = null;
      cancelFallback();
      if (ui) {
        ui.cue.textContent = "";
        ui.reps.hidden = true;
      }
      sendStart();
    }
    const watching = lastVerdictAt > 0;
    const inPosition = lastVerdict && lastVerdict.holding && lastVerdict.hold_seconds > 0;
    const plain = plainTimerFor === step.exercise;
    setGate(step.kind !== "hold" || !watching || plain || Boolean(inPosition));
  });

  document.addEventListener("backcoach:camera", (event) => {
    if (event.detail && event.detail.on) start();
    else stop();
  });

  // The camera check page (/camera): no session, just what the coach sees and how fast.
  const startButton = document.getElementById("camera-start");
  if (!player && startButton) {
    startButton.addEventListener("click", () => {
      const on = startButton.getAttribute("aria-pressed") !== "true";
      startButton.setAttribute("aria-pressed", String(on));
      startButton.textContent = on ? "Stop the camera" : "Start the camera";
      if (on) start();
      else stop();
    });
    const speed = document.getElementById("camera-speed");
    setInterval(() => {
      if (!running || !stats.fps) return;
      const where = stats.delegate === "GPU" ? "graphics card" : "processor";
      speed.textContent = `Pose estimation: ${stats.fps.toFixed(1)} frames a second (${stats.model} model, ${where}).`;
    }, 1000);
  }

  window.backcoach = window.backcoach || {};
  window.backcoach.camera = {
    start,
    stop,
    stats: () => ({ ...stats, lastVerdict, plainTimerFor, stepHold }),
  };
  if (player && typeof player.enableCamera === "function") player.enableCamera();
})();
