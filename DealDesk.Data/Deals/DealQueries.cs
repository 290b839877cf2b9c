using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

public sealed record DealSearch(string? State = null, string? Query = null, int Page = 1, int PageSize = 20);

public sealed record DealSummary(Guid Id, string DealNumber, string State, string CustomerName, string? VehicleTitle,
    string? StockNumber, string SalespersonName, DateTimeOffset CreatedAt);

public sealed record AuditView(DateTimeOffset OccurredAt, string Action, string? UserName, string Metadata)
{
    /// <summary>What happened, in words ("Changed the customer from Ann Lee to Bob Park"); null on older entries.</summary>
    public string? Summary => AuditTrail.Summary(Metadata);
}

public sealed record DealDetails(DealView Deal, CustomerView Customer, VehicleView? Vehicle, string SalespersonName,
    IReadOnlyList<ScenarioView> Scenarios, IReadOnlyList<AuditView> History);

/// <summary>Read side of deals for the pages and the JSON API; row-level security scopes every query.</summary>
public sealed class DealQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant)
{
    public async Task<Paged<DealSummary>> ListAsync(DealSearch search, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var dealershipId = tenant.DealershipId ?? Guid.Empty;
        var query =
            from d in db.Deals.AsNoTracking().Where(d => d.DealershipId == dealershipId)
            join c in db.Customers on d.CustomerId equals c.Id
            join u in db.Users on d.SalespersonId equals u.Id
            from v in db.Vehicles.Where(v => v.Id == d.VehicleId).DefaultIfEmpty()
            select new { d, c, u.DisplayName, v };
        if (!string.IsNullOrWhiteSpace(search.State) && DealState.All.Contains(search.State))
            query = query.Where(x => x.d.State == search.State);
        if (!string.IsNullOrWhiteSpace(search.Query))
        {
            foreach (var term in search.Query.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5))
            {
                var p = $"%{InventoryService.EscapeLike(term)}%";
                query = query.Where(x => EF.Functions.ILike(x.d.DealNumber, p, "\\") || EF.Functions.ILike(x.c.FirstName, p, "\\")
                    || EF.Functions.ILike(x.c.LastName, p, "\\") || (x.v != null && (EF.Functions.ILike(x.v.Make, p, "\\")
                    || EF.Functions.ILike(x.v.Model, p, "\\") || EF.Functions.ILike(x.v.StockNumber, p, "\\"))));
            }
        }
        var pageSize = Math.Clamp(search.PageSize, 1, 100);
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(search.Page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
        var rows = await query.OrderByDescending(x => x.d.CreatedAt).ThenByDescending(x => x.d.DealNumber)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new DealSummary(x.d.Id, x.d.DealNumber, x.d.State, x.c.FirstName + " " + x.c.LastName,
                x.v == null ? null : x.v.Year + " " + x.v.Make + " " + x.v.Model, x.v == null ? null : x.v.StockNumber,
                x.DisplayName, x.d.CreatedAt))
            .ToListAsync(ct);
        return new Paged<DealSummary>(rows, page, pageSize, total);
    }

    /// <summary>The deal with everything its page shows; 404 or 403 (another dealership's) as typed errors.</summary>
    public async Task<DealDetails> GetAsync(Guid dealId, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var deal = await db.Deals.AsNoTracking().SingleOrDefaultAsync(d => d.Id == dealId && d.DealershipId == tenant.DealershipId, ct)
            ?? throw await Ownership.MissingAsync(db, "deals", "Deal", dealId, ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == deal.CustomerId, ct);
        var vehicle = deal.VehicleId is { } v ? await db.Vehicles.AsNoTracking().SingleAsync(x => x.Id == v, ct) : null;
        var salesperson = await db.Users.Where(u => u.Id == deal.SalespersonId).Select(u => u.DisplayName).SingleAsync(ct);
        var scenarios = await db.PricingScenarios.AsNoTracking().Where(s => s.DealId == deal.Id).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var history = await (
                from a in db.AuditLog.AsNoTracking().Where(a => a.EntityId == deal.Id && a.DealershipId == deal.DealershipId)
                from u in db.Users.Where(u => u.Id == a.UserId).DefaultIfEmpty()
                orderby a.OccurredAt, a.Id
                select new AuditView(a.OccurredAt, a.Action, u == null ? null : u.DisplayName, a.Metadata))
            .ToListAsync(ct);
        var quickQuoteId = await DealParts.QuickQuoteIdAsync(db, deal, ct);
        return new DealDetails(DealView.From(deal, quickQuoteId), CustomerView.From(customer), vehicle is null ? null : VehicleView.From(vehicle),
            salesperson, scenarios.Select(s => ScenarioView.From(s, vehicle is not null)).ToList(), history);
    }
}
