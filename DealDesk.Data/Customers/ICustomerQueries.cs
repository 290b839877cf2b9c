using DealDesk.Data.Deals;

namespace DealDesk.Data.Customers;

/// <summary>Customer and salesperson look-ups as the UI sees them (implemented by <see cref="CustomerQueries"/>).</summary>
public interface ICustomerQueries
{
    Task<IReadOnlyList<CustomerView>> SearchAsync(string? q, int limit = 10, CancellationToken ct = default);
    Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default);
}
