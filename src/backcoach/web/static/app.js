// Small progressive enhancements; every page works without them.
"use strict";

// Forms marked data-autosubmit re-plan as soon as a choice changes.
for (const form of document.querySelectorAll("form[data-autosubmit]")) {
  for (const button of form.querySelectorAll("[data-autosubmit-fallback]")) {
    button.hidden = true;
  }
  form.addEventListener("change", () => form.requestSubmit());
}

// A live read-out next to range and number inputs that have an <output>.
for (const output of document.querySelectorAll("output[for]")) {
  const input = document.getElementById(output.htmlFor.value || output.getAttribute("for"));
  if (input) input.addEventListener("input", () => { output.value = input.value; });
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
