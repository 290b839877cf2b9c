using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;

namespace DealDesk.Tests.Deals.Support;

/// <summary>The customer and salesperson look-ups the deals pages use, answering from lists the test sets.</summary>
public sealed class FakeCustomerQueries : ICustomerQueries
{
    public IReadOnlyList<CustomerView> Customers { get; set; } = [];
    public IReadOnlyList<PersonOption> Salespeople { get; set; } = [];

    public Task<IReadOnlyList<CustomerView>> SearchAsync(string? q, int limit = 10, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CustomerView>>(
            Customers.Where(c => c.FullName.Contains(q ?? "", StringComparison.OrdinalIgnoreCase)).Take(limit).ToList());

    public Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default) => Task.FromResult(Salespeople);
}

/// <summary>The inventory as the deal page's vehicle picker searches it (available vehicles only, as it asks).</summary>
public sealed class FakeInventoryQueries : IInventoryQueries
{
    public List<Vehicle> Vehicles { get; } = [];

    public Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default)
    {
        var found = Vehicles.Where(v => (search.Status is null || v.Status == search.Status)
            && $"{v.Title} {v.StockNumber}".Contains(search.Query ?? "", StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult(new Paged<Vehicle>(found.Take(search.PageSize).ToList(), search.Page, search.PageSize, found.Count));
    }

    public Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default) => Task.FromResult(Vehicles.FirstOrDefault(v => v.Id == id));
}

/// <summary>The signed-in dealership, Northside's settings.</summary>
public sealed class FakeCurrentDealership(Guid dealershipId) : ICurrentDealership
{
    public Task<Dealership?> GetAsync(CancellationToken ct = default) => Task.FromResult<Dealership?>(new Dealership
    {
        Id = dealershipId, Name = "Northside Motors", TimeZone = "America/Chicago", DefaultApr = 6.9m, DefaultTaxRate = 0.0725m, DocFee = 499m,
    });
}
