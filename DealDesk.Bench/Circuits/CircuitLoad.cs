using System.Collections.Concurrent;
using System.Diagnostics;
using DealDesk.Data.Seeding;
using Microsoft.Playwright;

namespace DealDesk.Bench.Circuits;

/// <summary>
/// The interactive level: N Chromium pages, each signed in as its own salesperson, each holding a circuit
/// on the deals page; then every page creates deals through the dialog for the active window. Circuit
/// counts run in ascending order on the same pages (10, then 15 more for 25, ...), so each count's idle
/// memory is measured with exactly that many circuits open.
/// </summary>
public sealed class CircuitLoad(BenchDatabase database, string appLogPath)
{
    static readonly TimeSpan IdleCpuWindow = TimeSpan.FromSeconds(10);

    public async Task<IReadOnlyList<CircuitResult>> RunAsync(IReadOnlyList<int> circuitCounts, TimeSpan active, TimeSpan think, Action<string> log, CancellationToken ct)
    {
        await using var app = new BenchAppFactory(database, appLogPath);
        var baseAddress = app.Start();
        var counts = circuitCounts.Order().ToArray();
        log($"App listening on {baseAddress}; creating {counts[^1]} salespeople");
        await BenchUsers.EnsureAsync(app.Services, database.Tenants, counts[^1], ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        await WarmUpAsync(browser, baseAddress, log);
        var baseline = Memory.Measure();
        log($"Baseline with no circuit: working set {baseline.WorkingSetMb:0} MB, managed heap {baseline.HeapMb:0} MB");

        var pages = new List<IPage>();
        var results = new List<CircuitResult>();
        try
        {
            foreach (var count in counts)
            {
                log($"circuits level: opening {count - pages.Count} more page(s) to {count}");
                for (var n = pages.Count; n < count; n++)
                    pages.Add(await OpenDealsPageAsync(browser, baseAddress, BenchUsers.Email(n)));
                var idle = Memory.Measure();
                log($"{count} idle circuits: working set {idle.WorkingSetMb:0} MB, managed heap {idle.HeapMb:0} MB");
                // What N open, untouched pages cost the machine: nothing should run on either side while nobody clicks.
                var idleCpu = CpuShare.Start();
                await Task.Delay(IdleCpuWindow, ct);
                var idleShare = idleCpu.Stop();
                log($"{count} idle circuits, CPU over {IdleCpuWindow.TotalSeconds:0} s: {idleShare}");

                var interactions = new ConcurrentBag<double>();
                var creations = new ConcurrentBag<double>();
                var errors = 0;
                var cpu = CpuShare.Start();
                var until = Stopwatch.GetTimestamp() + (long)(active.TotalSeconds * Stopwatch.Frequency);
                await Task.WhenAll(pages.Select((page, i) => Task.Run(async () =>
                {
                    var sequence = 0;
                    // A salesperson's pause before each click: random (exponential, mean `think`), cut short when the window ends.
                    Task ThinkAsync()
                    {
                        if (think <= TimeSpan.Zero) return Task.CompletedTask;
                        var pause = think * -Math.Log(1 - Random.Shared.NextDouble());
                        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
                        return Task.Delay(pause < left ? pause : left > TimeSpan.Zero ? left : TimeSpan.Zero, ct);
                    }
                    while (Stopwatch.GetTimestamp() < until && !ct.IsCancellationRequested)
                    {
                        try
                        {
                            await CreateDealAsync(page, $"C{count}-{i}-{sequence++}", interactions, creations, ThinkAsync);
                        }
                        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                        {
                            Interlocked.Increment(ref errors);
                            log($"page {i}: {ex.Message.Split('\n')[0]}");
                            await RecoverAsync(page, i, log);
                        }
                    }
                }, ct)));
                var cpuShare = cpu.Stop();
                var busy = Memory.Measure();
                results.Add(new CircuitResult(count,
                    (idle.WorkingSetMb - baseline.WorkingSetMb) / count, (idle.HeapMb - baseline.HeapMb) / count,
                    (busy.WorkingSetMb - baseline.WorkingSetMb) / count, (busy.HeapMb - baseline.HeapMb) / count,
                    LatencyStats.From(interactions), LatencyStats.From(creations), idleShare, cpuShare, errors));
                log($"{count} circuits: {interactions.Count} interactions, {creations.Count} deals created, {errors} error(s); CPU: {cpuShare}");
            }
        }
        finally
        {
            foreach (var page in pages) await page.Context.CloseAsync();
        }
        return results;
    }

    /// <summary>
    /// Back to the deals page after a failed round; a page that cannot get there either (the machine is saturated)
    /// is left for the next round to try again, so one slow page does not end the level.
    /// </summary>
    static async Task RecoverAsync(IPage page, int index, Action<string> log)
    {
        try
        {
            await page.GotoAsync("/deals");
            await BenchBrowser.WaitForCircuitAsync(page);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            log($"page {index}: could not return to the deals page: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>JIT, pools and caches: one salesperson does the whole flow once before anything is measured.</summary>
    static async Task WarmUpAsync(IBrowser browser, Uri baseAddress, Action<string> log)
    {
        log("Warming up (one deal through the dialog)");
        var page = await OpenDealsPageAsync(browser, baseAddress, DemoData.SalesEmail(DemoData.Dealerships[0], 2));
        await CreateDealAsync(page, "Warmup", [], [], () => Task.CompletedTask);
        await page.Context.CloseAsync();
    }

    const string NoAnimations = """
        document.addEventListener('DOMContentLoaded', () => {
          const style = document.createElement('style');
          style.textContent = '*, *::before, *::after { transition: none !important; animation: none !important; }';
          document.head.appendChild(style);
        });
        """;

    static async Task<IPage> OpenDealsPageAsync(IBrowser browser, Uri baseAddress, string email)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = baseAddress.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        // The browser is the load generator: with 50 pages on 2 cores its software-rendered transitions would take
        // CPU from the server being measured. The DOM, and so the measured re-render, is the same without them.
        await context.AddInitScriptAsync(NoAnimations);
        var page = await context.NewPageAsync();
        await BenchBrowser.SignInAsync(page, email, DemoData.Password);
        if (!page.Url.Contains("/deals", StringComparison.Ordinal))
        {
            await page.GotoAsync("/deals");
            await BenchBrowser.WaitForCircuitAsync(page);
        }
        return page;
    }

    /// <summary>
    /// What a salesperson does at the desk: open the dialog, switch to a new customer, type the name, no
    /// vehicle yet, create, land on the deal, back to the list. The clicks that only re-render are the
    /// interactions; "create" (a unit of work plus navigation) is timed on its own.
    /// </summary>
    static async Task CreateDealAsync(IPage page, string name, ConcurrentBag<double> interactions, ConcurrentBag<double> creations, Func<Task> think)
    {
        await think();
        interactions.Add(await RoundTrip.MeasureAsync(page, "[data-testid=new-deal]", "[data-testid=deal-form]"));
        await think();
        interactions.Add(await RoundTrip.MeasureAsync(page, "[data-testid=new-customer-toggle] input, input[data-testid=new-customer-toggle]", "[data-testid=new-customer-fields]"));
        await page.Locator("#firstName").FillAsync("Bench");
        await page.Locator("#lastName").FillAsync(name);
        await page.GetByLabel("No vehicle yet").CheckAsync();
        await think();
        creations.Add(await RoundTrip.MeasureAsync(page, "[data-testid=create-deal]", "[data-testid=deal-number]"));
        await think();
        interactions.Add(await RoundTrip.MeasureAsync(page, "[data-testid=nav-deals]", "[data-testid=deal-grid]"));
    }

}
