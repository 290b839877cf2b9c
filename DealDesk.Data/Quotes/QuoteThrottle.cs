using DealDesk.Data.Database;
using DealDesk.Data.Errors;

namespace DealDesk.Data.Quotes;

/// <summary>
/// A bulkhead in front of the quote services' database work: at most as many quote reads and writes at once as the
/// pool has connections, the rest wait here, in order, without holding a connection. A burst (a thousand editors
/// saving at once) thus queues in memory instead of on the pool, where each unit's 10 s budget and the pool's wait
/// timeout would run out while it merely waits its turn; a unit's budget covers its own database time. A wait longer
/// than <see cref="MaxWait"/> answers DATABASE_TIMEOUT (503, retryable).
/// </summary>
public sealed class QuoteThrottle(DatabaseSettings settings)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    readonly SemaphoreSlim _slots = new(settings.PoolMax, settings.PoolMax);

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (!await _slots.WaitAsync(MaxWait, ct))
            throw new DealDeskException(new AppError(ErrorCodes.DatabaseTimeout, 503,
                "Too many quotes are being saved right now. Please try again in a moment.", ErrorSeverity.Error, Retryable: true));
        try
        {
            return await work();
        }
        finally
        {
            _slots.Release();
        }
    }
}
