using DealDesk.Data.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Data.Monitoring;

public sealed record ReadinessReport(bool PoolExhausted, bool DatabaseReachable, bool? MigrationsApplied)
{
    public bool Ready => !PoolExhausted && DatabaseReachable && MigrationsApplied == true;
}

/// <summary>
/// Whether this instance can take traffic (the load balancer's /health/ready): its pool is not exhausted, the
/// database answers through that pool within 3 s, and every migration the app knows is applied. An exhausted
/// pool answers at once, without queueing one more request behind the waiting ones.
/// </summary>
public sealed class Readiness(InstanceMeters meters, DatabaseHealth database, NpgsqlDataSource dataSource, IServiceScopeFactory scopes)
{
    private volatile bool _migrationsApplied; // once applied they stay applied for the life of the process

    public async Task<ReadinessReport> CheckAsync(CancellationToken ct)
    {
        var pool = meters.Read().Pool;
        if (pool.Exhausted) return new ReadinessReport(true, true, _migrationsApplied ? true : null);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            if (!(await database.CheckAsync(timeout.Token)).Reachable) return new ReadinessReport(false, false, null);
            if (!_migrationsApplied) _migrationsApplied = await PendingMigrationsAsync(timeout.Token) == 0;
            return new ReadinessReport(false, true, _migrationsApplied);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ReadinessReport(false, false, _migrationsApplied ? true : null);
        }
        catch (NpgsqlException)
        {
            return new ReadinessReport(false, false, _migrationsApplied ? true : null);
        }
    }

    private async Task<int> PendingMigrationsAsync(CancellationToken ct)
    {
        IReadOnlyList<string> known;
        using (var scope = scopes.CreateScope())
        using (var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<DealDeskDbContext>>().CreateDbContext())
            known = [.. db.Database.GetMigrations()];
        var applied = new HashSet<string>();
        await using var cmd = dataSource.CreateCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) applied.Add(reader.GetString(0));
        return known.Count(m => !applied.Contains(m));
    }
}
