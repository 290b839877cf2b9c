// Small glue for htmx-driven pages.

// Dialog fragments open themselves once swapped in: either a fragment loaded into a <dialog>, or a
// <dialog data-autoshow> arriving in the swapped content (the deal dialog is appended to <body>).
document.addEventListener("htmx:afterSwap", (e) => {
  const target = e.detail.target;
  const dialog = (target.isConnected ? target.closest("dialog") : null) ?? target.querySelector?.("dialog[data-autoshow]:not([open])");
  if (dialog && dialog.isConnected && !dialog.open) dialog.showModal();
});

// [data-dialog-close] buttons close their dialog; a dialog marked data-remove-on-close then leaves the
// page, so the next opening fetches a fresh one (new idempotency key, current vehicles).
document.addEventListener("click", (e) => {
  const closer = e.target.closest?.("[data-dialog-close]");
  if (closer) closer.closest("dialog")?.close();
});
document.addEventListener("close", (e) => {
  if (e.target.matches?.("dialog[data-remove-on-close]")) e.target.remove();
}, true); // "close" does not bubble

// Enter in a live search box searches (htmx already did); it must not submit the surrounding form.
document.addEventListener("keydown", (e) => {
  if (e.key === "Enter" && e.target.matches?.("input[data-live-search]")) e.preventDefault();
});

// A request htmx could not swap (expired form, server error, network down) must not fail silently.
function showRequestProblem(message) {
  let box = document.getElementById("request-problem");
  if (!box) {
    box = document.createElement("div");
    box.id = "request-problem";
    box.className = "alert alert-danger shadow request-problem";
    box.setAttribute("role", "alert");
    box.dataset.testid = "request-problem";
    document.body.append(box);
  }
  // Inside an open modal dialog only the dialog is interactive (top layer): show the message there.
  const modal = document.querySelector("dialog[open]");
  (modal ?? document.body).append(box);
  box.textContent = message;
  clearTimeout(box._timer);
  box._timer = setTimeout(() => box.remove(), 8000);
}
document.addEventListener("htmx:responseError", (e) => {
  const status = e.detail.xhr.status;
  showRequestProblem(status === 400
    ? "The form could not be accepted (it may have expired). Reload the page and try again."
    : status === 401 ? "Your session has ended. Please sign in again."
    : "Something went wrong (" + status + "). Please try again.");
});
document.addEventListener("htmx:sendError", () => showRequestProblem("The server could not be reached. Check the connection and try again."));

// Back from the created deal, the browser may restore this page from its cache with the dialog still
// open and its used request key: drop it; "New deal" fetches a fresh one.
window.addEventListener("pageshow", (e) => {
  if (e.persisted) document.querySelectorAll("dialog[data-remove-on-close]").forEach((d) => d.remove());
});
