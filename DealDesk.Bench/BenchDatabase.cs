using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Bench;

/// <summary>
/// A throwaway PostgreSQL cluster (the app's own <see cref="EmbeddedPostgres"/> launcher, ephemeral,
/// under the temp folder) with the DealDesk database migrated, demo-seeded, and stocked with enough
/// available vehicles for every creation of the run. Disposing stops the cluster and deletes it.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    BenchDatabase(EmbeddedPostgres cluster, DatabaseSettings settings, IReadOnlyList<BenchTenant> tenants, string serverVersion)
    {
        Cluster = cluster;
        Settings = settings;
        Tenants = tenants;
        ServerVersion = serverVersion;
    }

    /// <summary>e.g. "15.18 (Debian 15.18-0+deb12u1)".</summary>
    public string ServerVersion { get; }

    public EmbeddedPostgres Cluster { get; }
    public DatabaseSettings Settings { get; }

    /// <summary>The demo dealerships in <see cref="DemoData.Dealerships"/> order (Northside, Southside), then the bench's own ("Bench Motors 01", …).</summary>
    public IReadOnlyList<BenchTenant> Tenants { get; }

    /// <summary>As dealdesk_app: owns nothing, row-level security applies (what the app uses).</summary>
    public string AppConnectionString => Cluster.AppConnectionString;

    /// <summary>As dealdesk_owner: runs migrations.</summary>
    public string OwnerConnectionString => Cluster.OwnerConnectionString;

    public string DatabaseName => Cluster.DatabaseName;

    /// <summary>The superuser on any database of the cluster.</summary>
    public string SuperuserConnectionStringFor(string database) => Cluster.ConnectionStringFor(database, EmbeddedPostgres.Superuser);

    /// <param name="dealerships">At least the two demo ones; more are cloned (<see cref="BenchDealerships"/>).</param>
    /// <param name="vehiclesFor">Extra available vehicles for the tenant at an index.</param>
    public static async Task<BenchDatabase> StartAsync(DatabaseSettings settings, int dealerships, Func<int, int> vehiclesFor, Action<string> log, CancellationToken ct)
    {
        var root = Path.Combine(Path.GetTempPath(), "dealdesk-bench-" + Guid.NewGuid().ToString("N")[..12]);
        var cluster = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataRoot = root, Ephemeral = true }, log, ct);
        try
        {
            log("Migrating");
            await DatabaseMigrator.MigrateAsync(cluster.OwnerConnectionString, ct);
            log("Seeding demo data");
            await using (var services = CreateServices(cluster.AppConnectionString, cluster.OwnerConnectionString, settings))
            {
                if (!await services.GetRequiredService<DemoSeeder>().SeedAsync(ct))
                    throw new InvalidOperationException("The demo seeder found a seeded database in a fresh cluster.");
            } // the provider owns the NpgsqlDataSource: disposing it closes the seeder's connections
            var superuser = cluster.ConnectionStringFor(cluster.DatabaseName, EmbeddedPostgres.Superuser);
            var (demo, version) = await LoadTenantsAsync(superuser, ct);
            IReadOnlyList<BenchTenant> tenants = [.. demo, .. await BenchDealerships.AddAsync(superuser, demo[0], "Bench Motors", dealerships - demo.Count, ct)];
            var stock = tenants.Select((_, i) => vehiclesFor(i)).ToArray();
            if (stock.Sum() > 0)
            {
                log($"{tenants.Count} dealerships; stocking {stock.Sum():N0} available vehicles ({stock.Max():N0} for {tenants[0].Name}, {stock.Min():N0} for {tenants[^1].Name})");
                await VehicleStock.AddAsync(superuser, tenants, stock, ct);
            }
            return new BenchDatabase(cluster, settings, tenants, version);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's data services as the web app wires them (pool, tenant interceptor, transaction runner, Identity stores, seeder).</summary>
    public ServiceProvider CreateServices() => CreateServices(AppConnectionString, OwnerConnectionString, Settings);

    static ServiceProvider CreateServices(string appConnectionString, string ownerConnectionString, DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDealDeskData(new DatabaseTarget(appConnectionString, ownerConnectionString), settings);
        services.AddDemoSeeding();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>The demo dealerships with their sales1 user, and the server's version.</summary>
    static async Task<(IReadOnlyList<BenchTenant>, string)> LoadTenantsAsync(string superuserConnectionString, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        string version;
        await using (var v = new NpgsqlCommand("SHOW server_version", c))
            version = (string)(await v.ExecuteScalarAsync(ct))!;
        var tenants = new List<BenchTenant>();
        foreach (var demo in DemoData.Dealerships)
        {
            var email = DemoData.SalesEmail(demo, 1);
            await using var cmd = new NpgsqlCommand(
                "SELECT d.id, u.id FROM dealerships d JOIN users u ON u.dealership_id = d.id WHERE d.name = $1 AND u.normalized_email = upper($2)", c)
            {
                Parameters = { new() { Value = demo.Name }, new() { Value = email } },
            };
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new InvalidOperationException($"Demo dealership {demo.Name} or its user {email} is missing after seeding.");
            tenants.Add(new BenchTenant(demo.Name, r.GetGuid(0), email, r.GetGuid(1)));
        }
        return (tenants, version);
    }

    /// <summary>Stops PostgreSQL and deletes the cluster folder (ephemeral).</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Cluster.DisposeAsync();
    }
}
