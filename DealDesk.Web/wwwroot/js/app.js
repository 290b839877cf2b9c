// Small glue for htmx-driven pages. Dialog fragments open themselves once swapped in.
document.addEventListener("htmx:afterSwap", (e) => {
  const dialog = e.detail.target.closest("dialog") ?? e.detail.target.querySelector?.("dialog[data-autoshow]");
  if (dialog && !dialog.open) dialog.showModal();
});
