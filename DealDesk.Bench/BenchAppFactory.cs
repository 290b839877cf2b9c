using System.Net;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;

namespace DealDesk.Bench;

/// <summary>
/// The real DealDesk app (Program) in this process on real Kestrel, bound to a free 127.0.0.1 port, using
/// the benchmark database: ConnectionStrings:DealDesk is the app role, DealDeskMigrations the owner (host
/// settings reach Program as command-line arguments, so they are read before it builds). Production
/// environment; only warnings and errors are logged, to a file, so logging does not skew the numbers.
/// <paramref name="settings"/> adds host settings for one level (e.g. the leads level's WhatsApp:*); the others pass none.
/// </summary>
public sealed class BenchAppFactory(BenchDatabase database, string logPath, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string EnvironmentName = "Production";

    public string LogPath { get; } = logPath;

    /// <summary>Starts Kestrel and returns the base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        if (Services.GetService<EmbeddedPostgres>() is not null)
            throw new InvalidOperationException("The app started its own embedded PostgreSQL instead of using the benchmark database.");
        var target = Services.GetRequiredService<DatabaseTarget>();
        if (target.AppConnectionString != database.AppConnectionString)
            throw new InvalidOperationException($"The app connects to {DatabaseTarget.Describe(target.AppConnectionString)}, not to the benchmark database.");
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:DealDesk", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:DealDeskMigrations", database.OwnerConnectionString);
        // The per-user quote save limit would otherwise be what the quotes level measures.
        builder.UseSetting("RateLimits:QuoteSaves:PermitLimit", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:QuoteSaves:WindowSeconds", "1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        // Registered after Program's AddSerilog, so this logger wins: it replaces the per-request console and file logging.
        builder.ConfigureServices(services => services.AddSerilog(new LoggerConfiguration()
            .MinimumLevel.Warning()
            .Enrich.FromLogContext()
            .WriteTo.File(LogPath, outputTemplate: "{Timestamp:o} [{Level:u3}] {CorrelationId} {SourceContext}: {Message:lj}{NewLine}{Exception}")
            .CreateLogger(), dispose: true));
    }

    /// <summary>Warnings and errors the app logged during the run (0 when the log file was never written).</summary>
    public int LoggedProblems()
    {
        if (!File.Exists(LogPath)) return 0;
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line)
            if (line.Contains(" [WRN] ", StringComparison.Ordinal) || line.Contains(" [ERR] ", StringComparison.Ordinal) || line.Contains(" [FTL] ", StringComparison.Ordinal))
                count++;
        return count;
    }
}
