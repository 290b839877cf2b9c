// Tells the dashboard when its tab is hidden or shown, so a tab in the background stops asking the sampler for data.
export function watchVisibility(dotnet) {
    const notify = () => dotnet.invokeMethodAsync('VisibilityChanged', document.visibilityState === 'visible').catch(() => { });
    document.addEventListener('visibilitychange', notify);
    if (document.visibilityState !== 'visible') notify();
    return { dispose: () => document.removeEventListener('visibilitychange', notify) };
}
