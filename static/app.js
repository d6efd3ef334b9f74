// Progressive enhancement only: without JavaScript the links stay in
// read-only fields that can be selected and copied by hand.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("copy-status");
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    // The page gives the words in its own language.
    const label = button.textContent;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select();
        document.execCommand("copy");
      }
      button.textContent = button.dataset.copied || label;
      if (status) status.textContent = status.dataset.copied || "";
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
  for (const field of document.querySelectorAll("input[readonly]")) {
    field.addEventListener("focus", () => field.select());
  }
});
