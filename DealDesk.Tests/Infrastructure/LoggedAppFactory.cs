using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace DealDesk.Tests.Infrastructure;

/// <summary>The app as <see cref="DealDeskAppFactory"/> runs it, in a chosen environment, with every log event captured.</summary>
public sealed class LoggedAppFactory(TestDatabase db, string environment) : DealDeskAppFactory(db)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

/// <summary>Class fixture: a private database and the app in the "Testing" environment, its log captured.</summary>
public class LoggedAppFixture : AppFixture
{
    protected virtual string Environment => DealDeskAppFactory.EnvironmentName;

    public LogCapture Logs => ((LoggedAppFactory)App).Logs;

    protected override DealDeskAppFactory CreateApp() => new LoggedAppFactory(Db, Environment);
}

/// <summary>As `dotnet run` in Development: the framework rethrows unreadable requests there.</summary>
public sealed class DevelopmentAppFixture : LoggedAppFixture
{
    protected override string Environment => "Development";
}

public sealed class ProductionAppFixture : LoggedAppFixture
{
    protected override string Environment => "Production";
}
