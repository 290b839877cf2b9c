using System.Threading.Channels;
using DealDesk.Data.Notifications;

namespace DealDesk.Tests.Notifications.Support;

/// <summary>A subscriber that keeps what it receives, for a test to await in order (with a timeout, never a sleep).</summary>
public sealed class ChangeInbox : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    readonly Channel<Change> _received = Channel.CreateUnbounded<Change>();
    readonly IDisposable _subscription;

    public ChangeInbox(ChangeFeed feed, Guid dealershipId, Func<Change, bool>? filter = null) =>
        _subscription = feed.Subscribe(dealershipId, filter ?? (_ => true), c => _received.Writer.WriteAsync(c).AsTask());

    /// <summary>The next change received, or a failure naming the wait.</summary>
    public async Task<Change> NextAsync(TimeSpan? timeout = null)
    {
        try
        {
            return await _received.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No change arrived within {(timeout ?? Timeout).TotalSeconds} s.");
        }
    }

    /// <summary>Everything received before the change with id <paramref name="markerId"/> (which is consumed).</summary>
    public async Task<List<Change>> UntilAsync(Guid markerId)
    {
        var before = new List<Change>();
        for (var change = await NextAsync(); change.Id != markerId; change = await NextAsync()) before.Add(change);
        return before;
    }

    /// <summary>Kind, id and data in a stable order: one line to compare.</summary>
    public static string Describe(Change c) =>
        $"{c.Kind} {c.Id} " + string.Join(" ", (c.Data ?? new Dictionary<string, string?>()).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));

    public void Dispose() => _subscription.Dispose();
}
