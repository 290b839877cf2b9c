using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;

namespace DealDesk.Data.Deals;

/// <summary>
/// What the deals pages read: the list, one deal, and the lookups their filters and pickers offer. The pages
/// depend on this, so component tests fake deals at one boundary; the lookups stay with their own features.
/// </summary>
public interface IDealQueries
{
    Task<Paged<DealSummary>> ListAsync(DealSearch search, CancellationToken ct = default);

    /// <summary>The deal with everything its page shows; 404 or 403 (another dealership's) as typed errors.</summary>
    Task<DealDetails> GetAsync(Guid dealId, CancellationToken ct = default);

    /// <summary>The dealership's people a deal can belong to.</summary>
    Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default);

    /// <summary>The first few customers matching a name, email or phone.</summary>
    Task<IReadOnlyList<CustomerView>> SearchCustomersAsync(string? query, CancellationToken ct = default);

    /// <summary>The first few available vehicles matching a make, model, year, stock number or VIN.</summary>
    Task<IReadOnlyList<VehicleView>> AvailableVehiclesAsync(string? query, CancellationToken ct = default);
}
