using System.Runtime.CompilerServices;
using DealDesk.Data.Seeding;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DealDesk.E2E.Infrastructure;

/// <summary>
/// Base class for browser tests. Write each test as <c>await RunAsync(async page => { ... })</c>:
/// the page lives in a fresh browser context (no cookies from other tests) that records a Playwright trace.
/// When the test fails, a screenshot and the trace land in DealDesk.E2E/TestResults/&lt;Class.Test&gt;/
/// (open a trace with Playwright's trace viewer: see README.md).
/// </summary>
[Collection(E2ECollection.Name)]
public abstract class E2ETest
{
    private readonly E2EFixture _fixture;
    private readonly ITestOutputHelper _output;

    static E2ETest()
    {
        // Expectations retry until this long before they fail; generous because the app and database share the machine with other test runs.
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    protected E2ETest(E2EFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    /// <summary>The app's address, e.g. http://127.0.0.1:41234. Pages also accept paths relative to it: page.GotoAsync("/inventory").</summary>
    protected string BaseUrl => _fixture.App.BaseUrl;

    /// <summary>The app's circuits as the server sees them: wait here for a disconnected circuit's eviction.</summary>
    protected CircuitLog Circuits => _fixture.App.Circuits;

    protected async Task RunAsync(Func<IPage, Task> test, [CallerMemberName] string testMethod = "")
    {
        var testName = $"{GetType().Name}.{testMethod}";
        var context = await _fixture.Browser.Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new() { Title = testName, Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
            await context.Tracing.StopAsync(); // no path: a passing test's trace is discarded
        }
        catch
        {
            await SaveFailureArtifactsAsync(context, page, testName);
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs in through the login form and waits until the browser has left /login.</summary>
    protected static async Task SignInAsAsync(IPage page, string email, string password = DemoData.Password)
    {
        await SubmitLoginFormAsync(page, email, password);
        await page.WaitForURLAsync(url => !IsPath(url, "/login"));
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits until the page is interactive: the prerendered HTML is visible before the circuit connects,
    /// and a click before then does nothing. The layout marks itself data-interactive="true" when the
    /// circuit renders it.
    /// </summary>
    protected static Task WaitForCircuitAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-testid=app-layout][data-interactive=true]")).ToBeVisibleAsync();

    /// <summary>Opens a page of the app and waits for its circuit.</summary>
    protected static async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>Opens /login (unless already there), fills in the form and presses "Sign in"; does not wait for the outcome.</summary>
    protected static async Task SubmitLoginFormAsync(IPage page, string email, string password)
    {
        if (!IsPath(page.Url, "/login")) await page.GotoAsync("/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>True when the URL's path is exactly <paramref name="path"/> (any query string).</summary>
    protected static bool IsPath(string url, string path) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && string.Equals(uri.AbsolutePath, path, StringComparison.OrdinalIgnoreCase);

    private async Task SaveFailureArtifactsAsync(IBrowserContext context, IPage page, string testName)
    {
        var dir = E2EPaths.ForTest(testName);
        try
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "screenshot.png"), FullPage = true });
        }
        catch (Exception ex) // never let a failed screenshot or trace hide the test's own failure
        {
            _output.WriteLine($"No screenshot: {ex.Message}");
        }
        try
        {
            await context.Tracing.StopAsync(new() { Path = Path.Combine(dir, "trace.zip") });
            _output.WriteLine($"Failure artifacts (screenshot.png, trace.zip) in {dir}");
        }
        catch (Exception ex)
        {
            _output.WriteLine($"No trace: {ex.Message}");
        }
    }
}
