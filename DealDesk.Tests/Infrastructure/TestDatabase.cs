using System.Text.RegularExpressions;
using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Embedded;
using DealDesk.Data.Seeding;
using DealDesk.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DealDesk.Tests.Infrastructure;

public sealed record DemoTenant(Guid DealershipId, string Name, Guid ManagerId, Guid Sales1Id, Guid Sales2Id);

public sealed record DemoTenants(DemoTenant North, DemoTenant South);

/// <summary>
/// A private, migrated and demo-seeded database for one test class, cloned from a template that is
/// built once per process. Dropped on dispose.
/// </summary>
public sealed partial class TestDatabase : IAsyncDisposable
{
    public const string TemplateName = "dealdesk_template";

    static readonly Lazy<Task<EmbeddedPostgres>> Template = new(BuildTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    // CREATE DATABASE ... TEMPLATE x fails when anything else is connected to x, including another clone in progress.
    static readonly SemaphoreSlim CloneGate = new(1, 1);

    readonly EmbeddedPostgres _cluster;
    readonly Lock _gate = new();
    ServiceProvider? _services;
    Task<DemoTenants>? _demo;
    int _disposed;

    TestDatabase(EmbeddedPostgres cluster, string name)
    {
        _cluster = cluster;
        Name = name;
        AppConnectionString = cluster.ConnectionStringFor(name, cluster.AppRole);
        OwnerConnectionString = cluster.ConnectionStringFor(name, cluster.OwnerRole);
        SuperuserConnectionString = cluster.ConnectionStringFor(name, EmbeddedPostgres.Superuser);
    }

    public string Name { get; }

    /// <summary>As dealdesk_app: no ownership, row-level security applies.</summary>
    public string AppConnectionString { get; }

    /// <summary>As dealdesk_owner: owns the tables (row-level security is FORCEd on it too).</summary>
    public string OwnerConnectionString { get; }

    /// <summary>As postgres: bypasses row-level security; for setup and cross-tenant assertions.</summary>
    public string SuperuserConnectionString { get; }

    public EmbeddedPostgres Cluster => _cluster;

    public static async Task<TestDatabase> CreateAsync(string? namePrefix = null)
    {
        var cluster = await Template.Value;
        var name = DatabaseName(namePrefix);
        await CloneGate.WaitAsync();
        try
        {
            await ExecAsync(cluster, "postgres",
                $"CREATE DATABASE {Ident(name)} TEMPLATE {TemplateName} OWNER {Ident(cluster.OwnerRole)}",
                $"GRANT CONNECT ON DATABASE {Ident(name)} TO {Ident(cluster.AppRole)}");
        }
        finally
        {
            CloneGate.Release();
        }
        return new TestDatabase(cluster, name);
    }

    /// <summary>
    /// The app's data services against this database, as the app wires them (pool, interceptors,
    /// transaction runner, Identity stores, demo seeder). Every scope of the returned provider starts
    /// with the given tenant; the caller disposes the provider.
    /// </summary>
    /// <param name="configure">Optional extra or replacement registrations (a fake clock, observers, ...), applied last.</param>
    public ServiceProvider CreateServices(Guid? dealershipId = null, Guid? userId = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics(); // as in the web host: DealDeskMetrics then creates its "DealDesk" meter from the factory
        services.AddDealDeskData(new DatabaseTarget(AppConnectionString, OwnerConnectionString), new DatabaseSettings());
        services.Replace(ServiceDescriptor.Scoped(_ => new TenantContext { DealershipId = dealershipId, UserId = userId }));
        services.AddDemoSeeding();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A scope of this database's shared service provider, with its tenant set.</summary>
    public AsyncServiceScope CreateScope(Guid? dealershipId, Guid? userId = null, bool isManager = false)
    {
        ServiceProvider services;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            services = _services ??= CreateServices();
        }
        var scope = services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.DealershipId = dealershipId;
        tenant.UserId = userId;
        tenant.IsManager = isManager;
        return scope;
    }

    /// <summary>Ids of the seeded demo dealerships and their users (read as superuser).</summary>
    public Task<DemoTenants> DemoAsync()
    {
        lock (_gate) return _demo ??= LoadDemoAsync();
    }

    /// <summary>Opens a connection as the superuser (pooled; the pool is cleared on dispose).</summary>
    public Task<NpgsqlConnection> OpenSuperuserAsync() => OpenAsync(SuperuserConnectionString);

    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        return c;
    }

    /// <summary>Runs a scalar query as the superuser (row-level security bypassed).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var c = await OpenSuperuserAsync();
        return await Sql.ScalarAsync<T>(c, sql, args);
    }

    public async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var c = await OpenSuperuserAsync();
        await Sql.ExecuteAsync(c, sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        ServiceProvider? services;
        lock (_gate) services = _services;
        if (services is not null) await services.DisposeAsync();
        foreach (var cs in new[] { AppConnectionString, OwnerConnectionString, SuperuserConnectionString })
            NpgsqlConnection.ClearPool(new NpgsqlConnection(cs));
        await ExecAsync(_cluster, "postgres", $"DROP DATABASE IF EXISTS {Ident(Name)} WITH (FORCE)");
    }

    async Task<DemoTenants> LoadDemoAsync()
    {
        await using var c = await OpenSuperuserAsync();
        var dealerships = new Dictionary<string, Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT name, id FROM dealerships", c))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) dealerships[r.GetString(0)] = r.GetGuid(1);
        var users = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        await using (var cmd = new NpgsqlCommand("SELECT email, id FROM users WHERE email IS NOT NULL", c))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) users[r.GetString(0)] = r.GetGuid(1);

        DemoTenant Tenant(DemoData.DemoDealership d) => new(
            dealerships[d.Name], d.Name,
            users[DemoData.ManagerEmail(d)], users[DemoData.SalesEmail(d, 1)], users[DemoData.SalesEmail(d, 2)]);
        return new DemoTenants(Tenant(DemoData.Dealerships[0]), Tenant(DemoData.Dealerships[1]));
    }

    /// <summary>Migrates and seeds dealdesk_template once, then closes it to connections for good.</summary>
    static async Task<EmbeddedPostgres> BuildTemplateAsync()
    {
        var cluster = await TestCluster.GetAsync(); // its own database is the template-to-be, provisioned by the launcher
        var (ownerCs, appCs) = (cluster.OwnerConnectionString, cluster.AppConnectionString);
        await DatabaseMigrator.MigrateAsync(ownerCs);
        var seedServices = new ServiceCollection();
        seedServices.AddLogging();
        seedServices.AddDealDeskData(new DatabaseTarget(appCs, ownerCs), new DatabaseSettings());
        seedServices.AddDemoSeeding();
        await using (var sp = seedServices.BuildServiceProvider())
        {
            if (!await sp.GetRequiredService<DemoSeeder>().SeedAsync())
                throw new InvalidOperationException("The demo seeder found an already seeded template.");
        } // disposing the provider disposes its NpgsqlDataSource, closing the seeder's pooled connections

        NpgsqlConnection.ClearPool(new NpgsqlConnection(ownerCs));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(appCs));
        // Nobody may connect to the template from now on: a connected session makes CREATE DATABASE ... TEMPLATE fail.
        await ExecAsync(cluster, "postgres",
            $"ALTER DATABASE {TemplateName} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false",
            $"SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '{TemplateName}' AND pid <> pg_backend_pid()");
        return cluster;
    }

    static string DatabaseName(string? prefix)
    {
        var p = InvalidNameChars().Replace((prefix ?? "test").ToLowerInvariant(), "_").Trim('_');
        if (p.Length == 0 || !char.IsLetter(p[0])) p = "t_" + p;
        if (p.Length > 40) p = p[..40];
        return $"{p}_{Guid.NewGuid():N}"[..Math.Min(63, p.Length + 1 + 16)];
    }

    internal static async Task ExecAsync(EmbeddedPostgres cluster, string database, params string[] statements)
    {
        await using var c = await OpenUnpooledSuperuserAsync(cluster, database);
        foreach (var sql in statements)
        {
            await using var cmd = new NpgsqlCommand(sql, c);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Unpooled: administrative connections must not linger (they would block CREATE/DROP DATABASE).</summary>
    static async Task<NpgsqlConnection> OpenUnpooledSuperuserAsync(EmbeddedPostgres cluster, string database)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionStringFor(database, EmbeddedPostgres.Superuser)) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        return c;
    }

    internal static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex InvalidNameChars();
}

