using System.Net;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.E2E.Infrastructure;

/// <summary>
/// The real DealDesk app on Kestrel (a real TCP port a browser can reach), against its own freshly
/// migrated and demo-seeded database. Started once per test run (see <see cref="E2EFixture"/>).
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly Factory _factory;

    private AppServer(TestDatabase database, Factory factory, string baseUrl)
    {
        _database = database;
        _factory = factory;
        BaseUrl = baseUrl;
    }

    /// <summary>e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; }

    /// <summary>What the app's circuits went through (disconnects, evictions, closes), for tests that wait on the server.</summary>
    public CircuitLog Circuits => _factory.Circuits;

    public static async Task<AppServer> StartAsync()
    {
        var database = await TestDatabase.CreateAsync("e2e");
        var factory = new Factory(database);
        try
        {
            factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0)); // port 0: the OS picks a free one
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
                .Addresses.Single();
            var server = new AppServer(database, factory, address.TrimEnd('/'));
            server.CheckUsesTestDatabase();
            await server.CheckServesPagesAndStaticFilesAsync();
            return server;
        }
        catch
        {
            await factory.DisposeAsync();
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Without ConnectionStrings:DealDesk the app would quietly start its own embedded cluster; make sure it did not.</summary>
    private void CheckUsesTestDatabase()
    {
        if (_factory.Services.GetService<EmbeddedPostgres>() is not null)
            throw new InvalidOperationException("The app started its embedded PostgreSQL instead of using the E2E test database.");
        var target = _factory.Services.GetRequiredService<DatabaseTarget>();
        if (target.AppConnectionString != _database.AppConnectionString)
            throw new InvalidOperationException($"The app connects to {DatabaseTarget.Describe(target.AppConnectionString)}, not to the E2E test database.");
    }

    /// <summary>The pages need Blazor's script and MudBlazor's static web assets: fail here, clearly, if they are not served.</summary>
    private async Task CheckServesPagesAndStaticFilesAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        foreach (var path in new[] { "/login", "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.js", "/_content/MudBlazor/MudBlazor.min.css", "/css/app.css" })
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"GET {BaseUrl}{path} answered {(int)response.StatusCode}; the E2E tests need it to answer 200.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The test projects' app factory (test database settings, "Testing" environment), plus a quiet console.</summary>
    private sealed class Factory(TestDatabase database) : DealDeskAppFactory(database)
    {
        public static string LogPath => Path.Combine(E2EPaths.ResultsDirectory, "app-.log");

        /// <summary>
        /// How long a disconnected circuit is kept for its browser to reconnect (ASP.NET's default: 3 minutes). Short,
        /// so a test can see the server evict one; long enough that a reconnect at once (as blazor.web.js tries) finds it.
        /// </summary>
        public static readonly TimeSpan DisconnectedCircuitRetention = TimeSpan.FromSeconds(3);

        public CircuitLog Circuits { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The lead flows post signed WhatsApp webhooks with the documented demo secret.
            builder.UseSetting("WhatsApp:AppSecret", DealDesk.Web.WhatsApp.WhatsAppOptions.DemoAppSecret);
            // Registered after Program's AddSerilog, so this logger wins: its console flood becomes a file next to the failure artifacts.
            builder.ConfigureServices(services =>
            {
                services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = DisconnectedCircuitRetention);
                services.AddSingleton(Circuits);
                services.AddScoped<CircuitHandler, CircuitLogHandler>();
            });
            builder.ConfigureServices(services => services.AddSerilog(new LoggerConfiguration()
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override(CircuitLog.RegistryCategory, LogEventLevel.Debug) // its "CircuitEvicted" event feeds Circuits
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.File(LogPath, rollingInterval: RollingInterval.Day,
                    outputTemplate: "{Timestamp:o} [{Level:u3}] {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .WriteTo.Console(LogEventLevel.Error)
                .WriteTo.Sink(Circuits)
                .CreateLogger(), dispose: true));
        }
    }
}
