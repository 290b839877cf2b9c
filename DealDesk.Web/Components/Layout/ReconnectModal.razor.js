// Drives the reconnect dialog from the states blazor.web.js reports. A circuit the server evicted is
// resumed (.NET 10 circuit persistence) before falling back to a reload, so typed input survives.
const modal = document.getElementById("components-reconnect-modal");
modal.addEventListener("components-reconnect-state-changed", onStateChanged);
document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

function onStateChanged(event) {
    const state = event.detail.state;
    if (state === "show") modal.showModal();
    else if (state === "hide") modal.close();
    else if (state === "failed") document.addEventListener("visibilitychange", retryWhenVisible);
    else if (state === "rejected") location.reload();
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server is there but no longer has the circuit.
        if (await Blazor.reconnect()) return;
        if (await Blazor.resumeCircuit()) modal.close();
        else location.reload();
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!(await Blazor.resumeCircuit())) location.reload();
    } catch {
        modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") await retry();
}
