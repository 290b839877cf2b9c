using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

public sealed record PersonOption(Guid Id, string Name);

/// <summary>Type-ahead lookups for the deal dialog and the JSON API.</summary>
public sealed class CustomerQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : ICustomerQueries
{
    public async Task<IReadOnlyList<CustomerView>> SearchAsync(string? q, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var query = db.Customers.AsNoTracking().Where(c => c.DealershipId == tenant.DealershipId);
        foreach (var term in (q ?? "").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var p = $"%{InventoryService.EscapeLike(term)}%";
            query = query.Where(c => EF.Functions.ILike(c.FirstName, p, "\\") || EF.Functions.ILike(c.LastName, p, "\\")
                || EF.Functions.ILike(c.Email ?? "", p, "\\") || EF.Functions.ILike(c.Phone ?? "", p, "\\"));
        }
        var rows = await query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(Math.Clamp(limit, 1, 50)).ToListAsync(ct);
        return rows.Select(CustomerView.From).ToList();
    }

    /// <summary>The dealership's people a manager can assign a deal to.</summary>
    public async Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.DealershipId == tenant.DealershipId)
            .OrderBy(u => u.DisplayName).Select(u => new PersonOption(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
