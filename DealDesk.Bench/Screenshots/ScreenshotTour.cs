using DealDesk.Bench.Circuits;
using DealDesk.Data.Seeding;
using Microsoft.Playwright;

namespace DealDesk.Bench.Screenshots;

/// <summary>
/// The README's pictures, made on demand (never by a test run): the demo data on a throwaway cluster,
/// a manager and a salesperson walking the main screens at desktop and phone width.
/// </summary>
public sealed class ScreenshotTour(BenchDatabase database, string appLogPath)
{
    static readonly (string Name, int Width, int Height)[] Viewports = [("desktop", 1280, 860), ("phone", 390, 844)];

    public async Task<IReadOnlyList<string>> RunAsync(string outputDirectory, Action<string> log)
    {
        Directory.CreateDirectory(outputDirectory);
        await using var app = new BenchAppFactory(database, appLogPath);
        var baseAddress = app.Start().ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);
        var written = new List<string>();
        foreach (var (name, width, height) in Viewports)
        {
            var context = await browser.NewContextAsync(new() { BaseURL = baseAddress, ViewportSize = new() { Width = width, Height = height } });
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            async Task ShotAsync(string file)
            {
                var path = Path.Combine(outputDirectory, $"{file}-{name}.png");
                await page.ScreenshotAsync(new() { Path = path });
                written.Add(path);
                log($"wrote {path}");
            }

            await page.GotoAsync("/login");
            await ShotAsync("sign-in");
            await BenchBrowser.SignInAsync(page, DemoData.ManagerEmail(DemoData.Dealerships[0]), DemoData.Password);
            await page.GotoAsync("/inventory");
            await BenchBrowser.WaitForCircuitAsync(page);
            await page.Locator("[data-testid=start-deal]").First.WaitForAsync();
            await ShotAsync("inventory");
            await page.Locator("[data-testid=start-deal]").First.ClickAsync();
            await page.Locator("[data-testid=deal-form]").WaitForAsync();
            await page.GetByLabel("New customer").CheckAsync();
            await page.Locator("#firstName").FillAsync("Avery");
            await page.Locator("#lastName").FillAsync($"Morgan {name}");
            await page.Locator("#phone").FillAsync("555-888-1212");
            await ShotAsync("new-deal-dialog");
            await page.Locator("[data-testid=create-deal]").ClickAsync();
            await page.Locator("[data-testid=deal-number]").WaitForAsync();
            await page.Locator("[data-testid=quote-editor]").WaitForAsync();
            await page.Locator(".mud-snackbar button").ClickAsync(); // the "created" message would cover the editor
            await page.Locator(".mud-snackbar").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await ShotAsync("deal");
            await page.ScreenshotAsync(new() { Path = Path.Combine(outputDirectory, $"deal-full-{name}.png"), FullPage = true });
            await page.GotoAsync("/deals");
            await BenchBrowser.WaitForCircuitAsync(page);
            await page.Locator("[data-testid=deal-link]").First.WaitForAsync();
            await ShotAsync("deals");
            await page.GotoAsync("/quotes");
            await BenchBrowser.WaitForCircuitAsync(page);
            await ShotAsync("quick-quotes");
            foreach (var (path, file) in new[] { ("/leads", "leads"), ("/customers", "customers"), ("/staff", "staff"), ("/settings", "settings"), ("/monitoring", "monitoring") })
            {
                await page.GotoAsync(path);
                await BenchBrowser.WaitForCircuitAsync(page);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await ShotAsync(file);
            }
            await page.GotoAsync("/inventory");
            await BenchBrowser.WaitForCircuitAsync(page);
            await page.Locator("a.dd-inv-link").First.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/inventory/", StringComparison.Ordinal));
            await page.Locator("[data-testid=vehicle-heading]").WaitForAsync();
            await ShotAsync("vehicle");
            await context.CloseAsync();
        }
        return written;
    }
}
