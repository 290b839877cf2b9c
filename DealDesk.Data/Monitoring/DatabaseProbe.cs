using System.Diagnostics;
using System.Text.Json;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using Npgsql;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// The monitor's statistics queries, on one connection of its own outside the app's pool: a pool that is
/// exhausted must still be observable, and the monitor must not take a connection a salesperson waits for.
/// Every statement starts with <see cref="Marker"/>, so pg_stat_statements can tell (and the dashboard
/// leave out) what monitoring itself costs. Runs as the app's role: pg_stat_activity shows other roles'
/// statements only to members of pg_read_all_stats, which <see cref="DatabaseReading.CanReadAllStats"/> reports.
/// </summary>
public sealed class DatabaseProbe(DatabaseTarget target) : IAsyncDisposable, IDisposable
{
    public const string Marker = "/* dealdesk-monitor */";
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(target.AppConnectionString)
    {
        Pooling = false,
        ApplicationName = "DealDesk monitor",
        Timeout = 5,
        CommandTimeout = 10,
        Options = "-c statement_timeout=10000",
    }.ConnectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private long _queries;
    private long _elapsedTicks;

    /// <summary>Statements this probe has run, and their total time, since start.</summary>
    public (long Queries, double TotalMs) Cost => (Interlocked.Read(ref _queries), TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks)).TotalMilliseconds);

    public Task<DatabaseReading> ReadAsync(CancellationToken ct) => UseAsync(async c =>
    {
        var started = Stopwatch.GetTimestamp();
        DatabaseReading reading;
        await using (var cmd = Command(c, OverviewSql))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            var roundTrip = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var byState = JsonSerializer.Deserialize<Dictionary<string, int>>(r.GetString(11)) ?? [];
            reading = new DatabaseReading(
                DateTimeOffset.UtcNow, roundTrip, r.GetString(0),
                r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8),
                r.GetInt32(9), r.GetInt32(10), byState,
                r.IsDBNull(12) ? null : r.GetDouble(12), r.GetInt32(13), r.IsDBNull(14) ? null : r.GetDouble(14),
                r.GetBoolean(15), r.GetBoolean(16), []);
            Count(started);
        }
        return reading with { Blocked = await BlockedAsync(c, ct) };
    }, ct);

    public Task<DatabaseDetails> ReadDetailsAsync(IReadOnlyCollection<string> knownMigrations, bool statementsAvailable, CancellationToken ct) =>
        UseAsync(async c =>
        {
            List<StatementStats> byTotal = [], byMean = [];
            string? unavailable = null;
            try
            {
                if (statementsAvailable)
                    await foreach (var (rank, s) in ReadStatementsAsync(c, ct))
                        (rank == "total" ? byTotal : byMean).Add(s);
                else
                    unavailable = StatementsHint;
            }
            catch (PostgresException e) when (e.SqlState == "55000") // created, but the library is not preloaded
            {
                unavailable = StatementsHint;
            }
            var tables = await ListAsync(c, TablesSql, r => new TableStats(
                r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4)), ct);
            var applied = await ListAsync(c, MigrationsSql, r => r.GetString(0), ct);
            var pending = knownMigrations.Except(applied).Count();
            return new DatabaseDetails(DateTimeOffset.UtcNow, byTotal, byMean, unavailable, tables, pending);
        }, ct);

    /// <summary>
    /// The deal invariants and the orphan checks for one dealership, read under row-level security with the
    /// dealership as the transaction's tenant: a manager's dashboard shows their own rows only.
    /// </summary>
    public Task<IntegrityStatus> CheckIntegrityAsync(Guid dealershipId, CancellationToken ct) => UseAsync(async c =>
    {
        var started = Stopwatch.GetTimestamp();
        await using var tx = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var set = Command(c, $"SELECT set_config('{TenantSetting.Name}', $1, true)"))
        {
            set.Parameters.Add(new NpgsqlParameter { Value = dealershipId.ToString() });
            await set.ExecuteNonQueryAsync(ct);
        }
        var results = new List<InvariantResult>(await DealInvariants.CheckAsync(c, ct));
        Count(started, 1 + results.Count);
        foreach (var (name, description, sql) in OrphanChecks)
        {
            var samples = await ListAsync(c, sql, r => r.GetValue(0)?.ToString() ?? "", ct);
            results.Add(new InvariantResult(name, description, samples.Count, [.. samples.Take(5)]));
        }
        started = Stopwatch.GetTimestamp();
        await tx.CommitAsync(ct);
        Count(started);
        return new IntegrityStatus(DateTimeOffset.UtcNow, results);
    }, ct);

    /// <summary>Closes the connection (when nobody watches, it is not kept open between the rare samples).</summary>
    public async Task CloseAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _gate.Dispose();
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _connection = null;
        _gate.Dispose();
    }

    private async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is null)
            {
                var c = new NpgsqlConnection(_connectionString);
                await c.OpenAsync(ct);
                _connection = c;
            }
            return await work(_connection);
        }
        catch
        {
            // A failed statement may leave the connection broken or in an aborted transaction: start over next time.
            if (_connection is not null) await _connection.DisposeAsync();
            _connection = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyList<BlockedSession>> BlockedAsync(NpgsqlConnection c, CancellationToken ct) =>
        await ListAsync(c, BlockedSql, r => new BlockedSession(
            r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3) ?? "", r.GetDouble(4), Text(r, 5),
            r.GetInt32(6), Text(r, 7), Text(r, 8), Text(r, 9), Text(r, 10) ?? "", r.IsDBNull(11) ? null : r.GetDouble(11)), ct);

    private async IAsyncEnumerable<(string Rank, StatementStats Stats)> ReadStatementsAsync(NpgsqlConnection c,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rows = await ListAsync(c, StatementsSql, r => (r.GetString(0), new StatementStats(
            r.GetString(1), r.GetInt64(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetDouble(6))), ct);
        foreach (var row in rows) yield return row;
    }

    private async Task<List<T>> ListAsync<T>(NpgsqlConnection c, string sql, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var cmd = Command(c, sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await r.ReadAsync(ct)) list.Add(map(r));
        Count(started);
        return list;
    }

    private static NpgsqlCommand Command(NpgsqlConnection c, string sql) =>
        new(sql.StartsWith(Marker, StringComparison.Ordinal) || sql.StartsWith("SELECT set_config", StringComparison.Ordinal) ? sql : Marker + " " + sql, c);

    private void Count(long started, int statements = 1)
    {
        Interlocked.Add(ref _queries, statements);
        Interlocked.Add(ref _elapsedTicks, Stopwatch.GetElapsedTime(started).Ticks);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private const string StatementsHint =
        "pg_stat_statements is not enabled on this database. To see the top statements: add " +
        "shared_preload_libraries = 'pg_stat_statements' to postgresql.conf, restart PostgreSQL, then run " +
        "CREATE EXTENSION pg_stat_statements; in the app's database (the embedded database does this itself).";

    private static readonly (string Name, string Description, string Sql)[] OrphanChecks =
    [
        ("scenarios_without_deal", "Every pricing scenario belongs to a deal",
            """
            SELECT s.id FROM pricing_scenarios s
            WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = s.deal_id AND d.dealership_id = s.dealership_id)
            """),
        ("pending_vehicles_without_open_deal", "No vehicle is pending without an open deal holding it",
            """
            SELECT v.stock_number FROM vehicles v
            WHERE v.status = 'pending' AND NOT EXISTS (
                SELECT 1 FROM deals d WHERE d.vehicle_id = v.id AND d.dealership_id = v.dealership_id
                  AND d.state NOT IN ('DELIVERED','CANCELLED'))
            """),
        ("leads_without_conversation", "Every lead has its conversation",
            """
            SELECT l.id FROM leads l
            WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.lead_id = l.id AND c.dealership_id = l.dealership_id)
            """),
        ("converted_leads_without_deal", "Every converted lead names the deal it became, in its own dealership",
            """
            SELECT l.id FROM leads l
            WHERE l.status = 'converted' AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.id = l.deal_id AND d.dealership_id = l.dealership_id)
            """),
    ];

    // One round trip for the numbers the dashboard shows every few seconds.
    private const string OverviewSql = Marker + """
         SELECT current_setting('server_version'),
                d.xact_commit, d.xact_rollback, d.deadlocks, d.conflicts, d.temp_files, d.temp_bytes, d.blks_hit, d.blks_read,
                (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datname = current_database()),
                current_setting('max_connections')::int,
                (SELECT coalesce(json_object_agg(s, n), '{}')::text FROM (
                    SELECT coalesce(state, 'unknown') AS s, count(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND backend_type = 'client backend' GROUP BY 1) x),
                (SELECT extract(epoch FROM max(now() - xact_start)) * 1000 FROM pg_stat_activity
                 WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid())::float8,
                (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'),
                (SELECT extract(epoch FROM max(now() - state_change)) * 1000 FROM pg_stat_activity
                 WHERE datname = current_database() AND state LIKE 'idle in transaction%')::float8,
                pg_has_role(current_user, 'pg_read_all_stats', 'USAGE'),
                EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')
         FROM pg_stat_database d WHERE d.datname = current_database()
         """;

    // Sessions waiting for a lock, each with the session(s) holding it; the wait started at pg_locks.waitstart.
    private const string BlockedSql = Marker + """
         WITH waiting AS (
             SELECT pid, pg_blocking_pids(pid) AS blockers FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock')
         SELECT w.pid, a.usename::text, a.application_name, left(a.query, 500),
                (extract(epoch FROM now() - coalesce(l.waitstart, a.query_start)) * 1000)::float8, a.wait_event,
                b.pid, b.usename::text, b.application_name, b.state, left(b.query, 500),
                (extract(epoch FROM now() - b.xact_start) * 1000)::float8
         FROM waiting w
         JOIN pg_stat_activity a ON a.pid = w.pid
         LEFT JOIN LATERAL (SELECT min(waitstart) AS waitstart FROM pg_locks WHERE pid = w.pid AND NOT granted) l ON true
         CROSS JOIN LATERAL unnest(w.blockers) AS blocker(pid)
         JOIN pg_stat_activity b ON b.pid = blocker.pid
         WHERE cardinality(w.blockers) > 0
         ORDER BY 5 DESC
         LIMIT 50
         """;

    // This database's statements, the monitor's own left out, top 10 by total and by mean time.
    private const string StatementsSql = Marker + """
         WITH s AS (
             SELECT query, calls, total_exec_time, mean_exec_time, rows,
                    CASE WHEN shared_blks_hit + shared_blks_read > 0
                         THEN shared_blks_hit::float8 / (shared_blks_hit + shared_blks_read) END AS hit
             FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
               AND query NOT LIKE '/* dealdesk-monitor */%')
         (SELECT 'total', left(query, 1000), calls, total_exec_time, mean_exec_time, rows, hit FROM s ORDER BY total_exec_time DESC LIMIT 10)
         UNION ALL
         (SELECT 'mean', left(query, 1000), calls, total_exec_time, mean_exec_time, rows, hit FROM s ORDER BY mean_exec_time DESC LIMIT 10)
         """;

    private const string TablesSql = Marker + """
         SELECT relname::text, n_live_tup, n_dead_tup, pg_total_relation_size(relid), greatest(last_autovacuum, last_vacuum)
         FROM pg_stat_user_tables WHERE schemaname = 'public'
         ORDER BY pg_total_relation_size(relid) DESC LIMIT 15
         """;

    private const string MigrationsSql = Marker + " SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"";
}
