using System.Net.Sockets;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Data.Seeding;
using Npgsql;

namespace DealDesk.Web.Hosting;

/// <summary>
/// Decides where the data lives before the host is built: a configured PostgreSQL
/// (ConnectionStrings:DealDesk or DATABASE_URL), or else the embedded cluster. Then migrates.
/// </summary>
internal sealed class DatabaseStartup : IAsyncDisposable
{
    public required DatabaseTarget Target { get; init; }
    public required DatabaseSettings Settings { get; init; }
    public EmbeddedPostgres? Embedded { get; init; }

    public static async Task<DatabaseStartup> PrepareAsync(IConfiguration config, IHostEnvironment env)
    {
        DatabaseSettings settings;
        try
        {
            settings = DatabaseSettings.From(config);
            var configured = ConfiguredConnectionString(config);
            if (configured is not null)
            {
                var target = new DatabaseTarget(configured,
                    NullIfEmpty(config.GetConnectionString("DealDeskMigrations")) ?? configured);
                await MigrateAsync(target.MigrationConnectionString);
                await GuardTenancyAsync(target.AppConnectionString);
                return new DatabaseStartup { Target = target, Settings = settings };
            }
        }
        catch (InvalidConfigurationException ex)
        {
            throw new StartupException($"invalid setting {ex.Setting}: {ex.Message}", 2, ex);
        }

        var embedded = await StartEmbeddedAsync(config, env);
        try
        {
            await MigrateAsync(embedded.OwnerConnectionString);
            await GuardTenancyAsync(embedded.AppConnectionString);
        }
        catch
        {
            await embedded.DisposeAsync();
            throw;
        }
        return new DatabaseStartup
        {
            Target = new DatabaseTarget(embedded.AppConnectionString, embedded.OwnerConnectionString),
            Settings = settings,
            Embedded = embedded,
        };
    }

    public ValueTask DisposeAsync() => Embedded?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Demo data goes into the embedded database only, never into a configured one.</summary>
    public async Task SeedIfEmbeddedAsync(IServiceProvider services)
    {
        if (Embedded is null) return;
        if (await services.GetRequiredService<DemoSeeder>().SeedAsync())
            services.GetRequiredService<ILogger<DatabaseStartup>>().LogInformation("Seeded demo data (password for every demo account: {Password})", DemoData.Password);
    }

    private static string? ConfiguredConnectionString(IConfiguration config)
    {
        if (NullIfEmpty(config.GetConnectionString("DealDesk")) is { } cs) return cs;
        return NullIfEmpty(config["DATABASE_URL"]) is { } url ? DatabaseUrl.ToConnectionString(url) : null;
    }

    private static async Task<EmbeddedPostgres> StartEmbeddedAsync(IConfiguration config, IHostEnvironment env)
    {
        var configuredRoot = config["EmbeddedPostgres:DataRoot"] ?? ".data/postgres";
        var dataRoot = Path.IsPathRooted(configuredRoot) ? configuredRoot : Path.Combine(RepositoryRoot.Or(env.ContentRootPath), configuredRoot);
        try
        {
            return await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataRoot = dataRoot },
                line => Console.WriteLine($"[embedded-postgres] {line}"));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new StartupException($"the embedded PostgreSQL in {dataRoot} did not start: {ex.Message}", 1, ex);
        }
    }

    private static async Task MigrateAsync(string connectionString)
    {
        try
        {
            await DatabaseMigrator.MigrateAsync(connectionString);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException || ex.InnerException is NpgsqlException)
        {
            var reason = (ex.InnerException as NpgsqlException ?? ex).Message.Split('\n')[0];
            throw new StartupException($"could not reach or migrate PostgreSQL at {DatabaseTarget.Describe(connectionString)}: {reason}", 1, ex);
        }
    }

    private static async Task GuardTenancyAsync(string appConnectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(appConnectionString);
        if (await Data.Tenancy.TenancyGuard.ProblemWithAsync(dataSource) is { } problem)
            throw new StartupException($"refusing to serve: {problem} ({DatabaseTarget.Describe(appConnectionString)}).", 1);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
