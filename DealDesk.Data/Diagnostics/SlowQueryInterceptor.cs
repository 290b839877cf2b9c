using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Diagnostics;

/// <summary>Logs EF commands slower than DB_SLOW_QUERY_THRESHOLD, with their SQL (never parameter values).</summary>
public sealed class SlowQueryInterceptor(int thresholdMs, ILogger<SlowQueryInterceptor> logger) : DbCommandInterceptor
{
    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Check(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Check(DbCommand command, CommandExecutedEventData data)
    {
        if (data.Duration.TotalMilliseconds >= thresholdMs)
            logger.LogWarning("Slow query ({ElapsedMs:F0} ms ≥ {ThresholdMs} ms): {Sql}", data.Duration.TotalMilliseconds, thresholdMs, command.CommandText);
    }
}
