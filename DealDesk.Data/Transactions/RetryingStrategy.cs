using DealDesk.Data.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DealDesk.Data.Transactions;

/// <summary>
/// EF Core's execution strategy, tuned to the SQLSTATEs and backoff of <see cref="TransientErrors"/>
/// and <see cref="RetryBackoff"/>, counting each retry by cause.
/// </summary>
internal sealed class RetryingStrategy(DbContext context, int maxRetries, DealDeskMetrics metrics, string operation)
    : ExecutionStrategy(context, maxRetries, TimeSpan.FromSeconds(1))
{
    private string _lastCause = "";

    protected override bool ShouldRetryOn(Exception exception)
    {
        // Also asked about the final failure, when no retry follows: count in OnRetry instead.
        var transient = TransientErrors.IsTransient(exception, out var sqlState);
        _lastCause = sqlState;
        return transient;
    }

    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        RetryBackoff.Delay(ExceptionsEncountered.Count, Random, MaxRetryCount);

    protected override void OnRetry() => metrics.Retried(operation, _lastCause);
}
