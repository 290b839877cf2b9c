using Microsoft.Playwright;

namespace DealDesk.Bench.Circuits;

/// <summary>
/// Click to re-render, timed inside the page: performance.now() before the click, and again when a
/// MutationObserver sees the element the re-render produces. This leaves Playwright's own protocol
/// round trips out of the figure; what remains is the browser event → circuit → server render → DOM patch.
/// </summary>
public static class RoundTrip
{
    const string Script = """
        ([clickSelector, doneSelector]) => new Promise((resolve, reject) => {
          const started = performance.now();
          const target = document.querySelector(clickSelector);
          if (!target) { reject(new Error('nothing to click at ' + clickSelector)); return; }
          const observer = new MutationObserver(() => {
            if (document.querySelector(doneSelector)) { observer.disconnect(); resolve(performance.now() - started); }
          });
          observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true });
          setTimeout(() => { observer.disconnect(); reject(new Error('no ' + doneSelector + ' within 30 s')); }, 30000);
          target.click();
        })
        """;

    /// <summary>Milliseconds from clicking <paramref name="click"/> until <paramref name="done"/> is in the DOM.</summary>
    public static Task<double> MeasureAsync(IPage page, string click, string done) =>
        page.EvaluateAsync<double>(Script, new[] { click, done });
}
