using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Notifications;

/// <summary>
/// The app instance's subscribers to committed changes, fed by <see cref="ChangeListener"/>. Register with
/// <c>services.AddChangeNotifications()</c>; without a running listener nothing is ever delivered.
/// </summary>
public sealed class ChangeFeed(ILogger<ChangeFeed> logger) : IDisposable
{
    private ImmutableArray<ChangeSubscription> _subscriptions = [];

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>
    /// Calls <paramref name="handler"/> for each committed change of <paramref name="dealershipId"/> that
    /// <paramref name="filter"/> accepts, in commit order, one call at a time; and with <see cref="Change.Resync"/>
    /// (filter bypassed) whenever changes may have been missed (listener reconnected, subscriber fell behind).
    /// Handlers run on a thread-pool thread; components must marshal with InvokeAsync (and pass failures to
    /// DispatchExceptionAsync). A handler that throws is logged and keeps its subscription; a slow one delays
    /// only itself. The filter runs on the listener's thread: keep it a cheap, non-throwing predicate.
    /// Subscribe before loading what you show, so nothing falls between the load and the subscription.
    /// Dispose the returned subscription to stop (a component's Dispose); no handler starts after that.
    /// </summary>
    public IDisposable Subscribe(Guid dealershipId, Func<Change, bool> filter, Func<Change, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new ChangeSubscription(this, dealershipId, filter, handler, logger);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>
    /// Changes of every dealership, for instance-wide workers (the WhatsApp outbox sender), never for pages: a page
    /// must only hear its own dealership.
    /// </summary>
    public IDisposable SubscribeAllDealerships(Func<Change, bool> filter, Func<Change, Task> handler)
    {
        var subscription = new ChangeSubscription(this, null, filter, handler, logger);
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Add(subscription));
        return subscription;
    }

    /// <summary>Every change of the dealership (and resyncs).</summary>
    public IDisposable Subscribe(Guid dealershipId, Func<Change, Task> handler) => Subscribe(dealershipId, static _ => true, handler);

    internal void Deliver(Change change)
    {
        foreach (var subscription in _subscriptions) subscription.Offer(change);
    }

    internal void Resync() => Deliver(Change.Resync);

    internal void Remove(ChangeSubscription subscription) =>
        ImmutableInterlocked.Update(ref _subscriptions, list => list.Remove(subscription));

    public void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
