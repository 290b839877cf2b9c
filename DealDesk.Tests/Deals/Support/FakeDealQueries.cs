using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;

namespace DealDesk.Tests.Deals.Support;

/// <summary>
/// The deals pages' read side, faked at the service boundary: it records what the page asked for and answers
/// with what the test set. <see cref="Details"/> is what GetAsync answers (or <see cref="GetFailure"/> is thrown).
/// </summary>
public sealed class FakeDealQueries : IDealQueries
{
    private readonly Lock _gate = new();
    private readonly List<DealSearch> _searches = [];

    public Func<DealSearch, Paged<DealSummary>> List { get; set; } = s => new Paged<DealSummary>([], s.Page, s.PageSize, 0);
    public DealDetails? Details { get; set; }
    public Exception? GetFailure { get; set; }
    public int Gets { get; private set; }

    public IReadOnlyList<DealSearch> Searches { get { lock (_gate) return [.. _searches]; } }
    public DealSearch LastSearch => Searches.Last();

    public Task<Paged<DealSummary>> ListAsync(DealSearch search, CancellationToken ct = default)
    {
        lock (_gate) _searches.Add(search);
        return Task.FromResult(List(search));
    }

    public Task<DealDetails> GetAsync(Guid dealId, CancellationToken ct = default)
    {
        Gets++;
        if (GetFailure is not null) return Task.FromException<DealDetails>(GetFailure);
        return Details is { } d && d.Deal.Id == dealId
            ? Task.FromResult(d)
            : throw new InvalidOperationException($"The test did not set up deal {dealId}.");
    }

}
