namespace DealDesk.Data.Monitoring;

/// <summary>
/// The database's own view (pg_stat_database, pg_stat_activity, locks) at one moment: counts for the whole
/// database, every app instance and every other client included. Cumulative counters are as PostgreSQL keeps them.
/// </summary>
public sealed record DatabaseReading(
    DateTimeOffset At, double RoundTripMs, string ServerVersion,
    long Commits, long Rollbacks, long Deadlocks, long Conflicts, long TempFiles, long TempBytes, long BlocksHit, long BlocksRead,
    int Connections, int MaxConnections, IReadOnlyDictionary<string, int> ConnectionsByState,
    double? LongestTransactionMs, int IdleInTransaction, double? LongestIdleInTransactionMs,
    bool CanReadAllStats, bool StatementsAvailable, IReadOnlyList<BlockedSession> Blocked);

/// <summary>A session waiting for a lock, and the session holding it (pg_blocking_pids).</summary>
public sealed record BlockedSession(
    int Pid, string? User, string? Application, string Query, double WaitingMs, string? WaitEvent,
    int BlockerPid, string? BlockerUser, string? BlockerApplication, string? BlockerState, string BlockerQuery,
    double? BlockerTransactionMs);

/// <summary>The heavier, slower-changing part: top statements (pg_stat_statements), table sizes, migrations.</summary>
public sealed record DatabaseDetails(
    DateTimeOffset At, IReadOnlyList<StatementStats> ByTotalTime, IReadOnlyList<StatementStats> ByMeanTime,
    string? StatementsUnavailable, IReadOnlyList<TableStats> Tables, int PendingMigrations);

/// <summary>A normalized statement ($1 for every constant) with its totals since pg_stat_statements was last reset.</summary>
public sealed record StatementStats(string Query, long Calls, double TotalMs, double MeanMs, long Rows, double? CacheHitRatio);

public sealed record TableStats(string Name, long LiveRows, long DeadRows, long TotalBytes, DateTimeOffset? LastAutovacuum)
{
    public double DeadRatio => LiveRows + DeadRows == 0 ? 0 : (double)DeadRows / (LiveRows + DeadRows);
}

/// <summary>The integrity checks of one dealership (its rows only, under row-level security); zero violations everywhere is green.</summary>
public sealed record IntegrityStatus(DateTimeOffset CheckedAt, IReadOnlyList<Deals.InvariantResult> Checks)
{
    public long Violations => Checks.Sum(c => c.Violations);

    public bool Holds => Violations == 0;
}
