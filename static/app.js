// Progressive enhancement only: without JavaScript the links stay in
// read-only fields that can be selected and copied by hand.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const status = document.getElementById("copy-status");
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        field.select();
        document.execCommand("copy");
      }
      button.textContent = "Copied";
      if (status) status.textContent = "Copied to the clipboard";
      setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
  }
  for (const field of document.querySelectorAll("input[readonly]")) {
    field.addEventListener("focus", () => field.select());
  }
});
