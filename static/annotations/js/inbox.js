// My work: a verification is sent only after a 10-second window in which Undo stops it
// (without scripts the form posts at once, after the same sentence naming what becomes public).

import { formatNumber, gettext, interpolate } from "./i18n.js";

const DELAY = 10;

function pendingVerify(form, button) {
  const status = form.querySelector(".work-item__pending");
  const buttons = [...form.querySelectorAll("button, textarea")];
  for (const control of buttons) control.disabled = true;
  let left = DELAY;
  const undo = document.createElement("button");
  undo.type = "button";
  undo.className = "button button--primary";
  undo.textContent = gettext("Undo");
  const text = document.createElement("span");
  const tell = () => {
    text.textContent = `${interpolate(gettext("Publishing “%(claim)s” in %(seconds)s s; nothing is sent before then."),
      { claim: form.dataset.claim, seconds: formatNumber(left) })} `;
  };
  tell();
  status.replaceChildren(text, undo);
  status.hidden = false;
  undo.focus();
  const stopLeaving = (event) => {
    event.preventDefault();
    event.returnValue = "";
  };
  window.addEventListener("beforeunload", stopLeaving);
  const timer = setInterval(() => {
    left -= 1;
    if (left > 0) {
      tell();
      return;
    }
    clearInterval(timer);
    window.removeEventListener("beforeunload", stopLeaving);
    // The comment is sent with the form; disabled controls would be left out.
    for (const control of buttons) control.disabled = false;
    form.dataset.confirmed = "true";
    form.requestSubmit(button);
  }, 1000);
  undo.addEventListener("click", () => {
    clearInterval(timer);
    window.removeEventListener("beforeunload", stopLeaving);
    for (const control of buttons) control.disabled = false;
    delete form.dataset.confirmed;
    status.textContent = gettext("Not published: the verification was undone; nothing was sent.");
    button.focus();
  });
}

for (const form of document.querySelectorAll(".work-item__decide")) {
  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || !button.hasAttribute("data-verify") || form.dataset.confirmed === "true") return;
    event.preventDefault();
    if (form.dataset.confirmed === "pending") return;
    form.dataset.confirmed = "pending";
    pendingVerify(form, button);
  });
}
