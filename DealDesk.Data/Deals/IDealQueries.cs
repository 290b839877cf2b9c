using DealDesk.Data.Inventory;

namespace DealDesk.Data.Deals;

/// <summary>What the deals pages read (implemented by <see cref="DealQueries"/>); component tests fake it.</summary>
public interface IDealQueries
{
    Task<Paged<DealSummary>> ListAsync(DealSearch search, CancellationToken ct = default);

    /// <summary>The deal with everything its page shows; 404 or 403 (another dealership's) as typed errors.</summary>
    Task<DealDetails> GetAsync(Guid dealId, CancellationToken ct = default);
}
