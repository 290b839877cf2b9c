using Microsoft.Playwright;

namespace DealDesk.Bench.Circuits;

/// <summary>Debian's Chromium driven by Playwright (which cannot download a browser here), headless and quiet.</summary>
public static class BenchBrowser
{
    public const string Executable = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install it with 'apt-get install -y chromium' (./test.sh does).");
        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Signs in through the login form and waits until the circuit has taken over the page it lands on.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await WaitForCircuitAsync(page);
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=app-layout][data-interactive=true]").WaitForAsync(new() { Timeout = 60_000 });
}
