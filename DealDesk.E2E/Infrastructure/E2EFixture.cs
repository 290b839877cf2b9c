using DealDesk.Tests.Infrastructure;

namespace DealDesk.E2E.Infrastructure;

/// <summary>The app and the browser, started once for every test in the E2E collection.</summary>
public sealed class E2EFixture : IAsyncLifetime
{
    private AppServer? _app;
    private BrowserFixture? _browser;

    public AppServer App => _app ?? throw new InvalidOperationException("The E2E fixture is not started.");
    public BrowserFixture Browser => _browser ?? throw new InvalidOperationException("The E2E fixture is not started.");

    public async Task InitializeAsync()
    {
        // Both take a few seconds; start them side by side.
        var browser = BrowserFixture.LaunchAsync();
        var app = AppServer.StartAsync();
        try
        {
            await Task.WhenAll(browser, app);
        }
        finally
        {
            _browser = browser.IsCompletedSuccessfully ? browser.Result : null;
            _app = app.IsCompletedSuccessfully ? app.Result : null;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        await TestCluster.ShutdownAsync(); // the run's throwaway PostgreSQL cluster: nothing else in this process uses it
    }
}

/// <summary>
/// Every browser test joins this collection: one app and one Chromium for the run, tests one after another
/// (each in its own browser context, so cookies never leak between tests).
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "E2E";
}
