// Copy buttons: <button data-copy-target="ID" data-copy-status="ID"> copies the text of the
// element #ID to the clipboard and says so in the status element (a live region).

import { gettext } from "./i18n.js";

function say(button, message) {
  const status = document.getElementById(button.dataset.copyStatus || "");
  if (status) status.textContent = message;
}

function selectText(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy-target]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyTarget);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    say(button, gettext("Copied."));
  } catch {
    // No clipboard access (an insecure origin, or refused): leave the text selected to copy by hand.
    selectText(source);
    say(button, gettext("Selected: press Ctrl+C (⌘C) to copy."));
  }
});
