using System.Globalization;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DealDesk.Tests.Quotes.Support;

/// <summary>The app with its quote-save rate limit (RateLimits:QuoteSaves) set by the test, as the benchmark raises it.</summary>
public sealed class RateLimitedAppFactory(TestDatabase db, int permitLimit, int windowSeconds) : DealDeskAppFactory(db)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:QuoteSaves:PermitLimit", permitLimit.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:QuoteSaves:WindowSeconds", windowSeconds.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Class fixture: a private database and the app on it, with a save limit no API test class reaches.</summary>
public sealed class QuoteAppFixture : DatabaseFixture
{
    RateLimitedAppFactory? _app;

    public DealDeskAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected override string Prefix => "quoteapi";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = new RateLimitedAppFactory(Db, permitLimit: 10_000, windowSeconds: 60);
        _ = _app.Server;
    }

    public override async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        await base.DisposeAsync();
    }
}
