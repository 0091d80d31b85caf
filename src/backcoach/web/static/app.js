// Small progressive enhancements; every page works without them.
"use strict";

// Forms marked data-autosubmit re-plan as soon as a choice changes. The new
// plan replaces the old one in place, so keyboard focus stays on the control
// and a screen reader hears one short status line instead of a page load.
for (const form of document.querySelectorAll("form[data-autosubmit]")) {
  for (const button of form.querySelectorAll("[data-autosubmit-fallback]")) {
    button.hidden = true;
  }
  form.addEventListener("change", () => replan(form));
}

async function replan(form) {
  const target = document.getElementById(form.dataset.autosubmit || "plan");
  const status = document.getElementById("plan-status");
  const url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
  try {
    const response = await fetch(url, { headers: { Accept: "text/html" } });
    if (!response.ok && response.status !== 422) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById(target.id);
    if (!fresh) throw new Error("no plan in the answer");
    target.replaceChildren(...fresh.childNodes);
    history.replaceState(null, "", url);
    if (status) {
      const summary = target.querySelector(".summary-line, [role=alert] h2");
      status.textContent = "Routine updated: " + (summary ? summary.textContent.trim() : "");
    }
  } catch (error) {
    window.location.assign(url);  // fall back to an ordinary page load
  }
}

// Put keyboard focus on a form's error summary so screen readers announce it.
const errors = document.getElementById("form-errors");
if (errors) errors.focus();

// Confirmation for destructive buttons.
for (const button of document.querySelectorAll("[data-confirm]")) {
  button.addEventListener("click", (event) => {
    if (!window.confirm(button.dataset.confirm)) event.preventDefault();
  });
}

for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
