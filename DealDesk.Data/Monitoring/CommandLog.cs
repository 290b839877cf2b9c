using System.Diagnostics;
using DealDesk.Data.Database;
using Npgsql;

namespace DealDesk.Data.Monitoring;

/// <summary>One database command of this instance: its SQL as sent (parameters are $1, $2: their values are never kept).</summary>
public sealed record CommandRecord(
    DateTimeOffset At, double DurationMs, string Sql, bool Failed, string? SqlState, string? CorrelationId, Guid? DealershipId);

/// <summary>
/// The recent commands (query history) and the slow ones (≥ DB_SLOW_QUERY_THRESHOLD) of this app's data source,
/// taken from Npgsql's own command traces (its "Npgsql" ActivitySource), so raw Npgsql commands count as well
/// as EF's. A trace carries the command text but not the parameter values. Commands of other data sources
/// (the monitor's own connection, other apps in a test process) are ignored by name.
/// </summary>
public sealed class CommandLog : IDisposable
{
    private const string AttributionProperty = "dealdesk.attribution";
    private const int MaxSqlLength = 2000;
    private readonly ActivityListener _listener;
    private readonly string _dataSourceName;
    private readonly TimeProvider _clock;
    private readonly RingBuffer<CommandRecord> _recent = new(200);
    private readonly RingBuffer<CommandRecord> _slow = new(500);
    private long _slowTotal;

    public CommandLog(NpgsqlDataSource dataSource, DatabaseSettings settings, TimeProvider clock)
    {
        _dataSourceName = DataSourceNames.Of(dataSource);
        _clock = clock;
        ThresholdMs = settings.SlowQueryThresholdMs;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // Started on the command's own async flow, where the request's or circuit event's attribution is.
            ActivityStarted = activity => activity.SetCustomProperty(AttributionProperty, Attribution.Capture()),
            ActivityStopped = OnStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int ThresholdMs { get; }

    /// <summary>Slow commands since start (the dashboard's window count comes from differences of this).</summary>
    public long SlowTotal => Interlocked.Read(ref _slowTotal);

    /// <summary>The last 200 commands, newest first.</summary>
    public IReadOnlyList<CommandRecord> Recent() => _recent.NewestFirst();

    /// <summary>The last 500 slow commands, newest first.</summary>
    public IReadOnlyList<CommandRecord> Slow() => _slow.NewestFirst();

    private void OnStopped(Activity activity)
    {
        if (activity.GetTagItem("db.npgsql.data_source") as string != _dataSourceName) return;
        if (activity.GetTagItem("db.query.text") is not string sql) return; // a physical open, not a command
        var (correlationId, dealershipId) = activity.GetCustomProperty(AttributionProperty) is ValueTuple<string?, Guid?> a ? a : default;
        var state = activity.GetTagItem("db.response.status_code") as string;
        var record = new CommandRecord(
            _clock.GetUtcNow(), activity.Duration.TotalMilliseconds, Trim(sql),
            activity.Status == ActivityStatusCode.Error, state, correlationId, dealershipId);
        _recent.Add(record);
        if (record.DurationMs >= ThresholdMs)
        {
            _slow.Add(record);
            Interlocked.Increment(ref _slowTotal);
        }
    }

    private static string Trim(string sql)
    {
        sql = sql.Trim();
        return sql.Length <= MaxSqlLength ? sql : sql[..MaxSqlLength] + " …";
    }

    public void Dispose() => _listener.Dispose();
}
