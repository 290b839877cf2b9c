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
    protected override bool ShouldRetryOn(Exception exception)
    {
        if (!TransientErrors.IsTransient(exception, out var sqlState)) return false;
        metrics.Retried(operation, sqlState);
        return true;
    }

    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        RetryBackoff.Delay(ExceptionsEncountered.Count, Random, MaxRetryCount);
}
