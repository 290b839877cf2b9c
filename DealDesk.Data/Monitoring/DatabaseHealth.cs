using System.Diagnostics;
using Npgsql;

namespace DealDesk.Data.Monitoring;

public sealed record DatabaseHealthReport(bool Reachable, string? ServerVersion, double RoundTripMs, string? Error);

/// <summary>A cheap liveness probe of the database through the app's own pool.</summary>
public sealed class DatabaseHealth(NpgsqlDataSource dataSource)
{
    public async Task<DatabaseHealthReport> CheckAsync(CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var cmd = dataSource.CreateCommand("SELECT current_setting('server_version')");
            var version = (string?)await cmd.ExecuteScalarAsync(ct);
            return new DatabaseHealthReport(true, version, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (NpgsqlException ex)
        {
            return new DatabaseHealthReport(false, null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
        }
    }
}
