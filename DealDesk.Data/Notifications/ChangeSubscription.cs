using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Notifications;

/// <summary>
/// One subscriber's queue and the loop that drains it on the thread pool: handlers never run on the
/// listener's thread, and one at a time per subscriber, in order. A subscriber that falls
/// <see cref="Capacity"/> changes behind loses the backlog and gets one <see cref="Change.Resync"/> instead.
/// </summary>
internal sealed class ChangeSubscription : IDisposable
{
    public const int Capacity = 256;

    private readonly ChangeFeed _feed;
    private readonly Guid? _dealershipId; // null: every dealership (SubscribeAllDealerships)
    private readonly Func<Change, bool> _filter;
    private readonly Func<Change, Task> _handler;
    private readonly ILogger _logger;
    private readonly Channel<Change> _queue;
    private int _overflowed;
    private int _disposed;

    public ChangeSubscription(ChangeFeed feed, Guid? dealershipId, Func<Change, bool> filter, Func<Change, Task> handler, ILogger logger)
    {
        (_feed, _dealershipId, _filter, _handler, _logger) = (feed, dealershipId, filter, handler, logger);
        _queue = Channel.CreateBounded<Change>(
            new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Exchange(ref _overflowed, 1));
        _ = Task.Run(PumpAsync);
    }

    /// <summary>Queues the change if it is for this subscriber; never blocks (called on the listener's thread).</summary>
    public void Offer(Change change)
    {
        if (!change.IsResync && ((_dealershipId is { } d && change.DealershipId != d) || !Accepts(change))) return;
        _queue.Writer.TryWrite(change);
    }

    private bool Accepts(Change change)
    {
        try
        {
            return _filter(change);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A change filter threw on {Kind} {Id}; the change was skipped for that subscriber", change.Kind, change.Id);
            return false;
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var change in _queue.Reader.ReadAllAsync())
        {
            await HandleAsync(change);
            if (Interlocked.Exchange(ref _overflowed, 0) == 0) continue;
            while (_queue.Reader.TryRead(out _)) { } // superseded by the resync
            await HandleAsync(Change.Resync);
        }
    }

    private async Task HandleAsync(Change change)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        try
        {
            await _handler(change);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A change handler failed on {Kind} {Id} of dealership {DealershipId}", change.Kind, change.Id, change.DealershipId);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _feed.Remove(this);
        _queue.Writer.TryComplete();
    }
}
