using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Deals;

/// <summary>
/// One page of the deals list. <see cref="SalespersonId"/> narrows to one owner ("Mine" passes the signed-in user);
/// <see cref="Sort"/> is one of <see cref="DealSort"/> (anything else sorts newest first).
/// </summary>
public sealed record DealSearch(string? State = null, string? Query = null, int Page = 1, int PageSize = 20,
    Guid? SalespersonId = null, string? Sort = null, bool Descending = true);

/// <summary>
/// A row of the deals list. <see cref="Price"/> and <see cref="MonthlyPayment"/> are the active scenario's; the payment
/// is null while there is none yet (see <see cref="Pricing.PaymentCalculator.HasPayment"/>).
/// </summary>
public sealed record DealSummary(Guid Id, string DealNumber, string State, string CustomerName, string? VehicleTitle,
    string? StockNumber, string SalespersonName, DateTimeOffset CreatedAt,
    Guid SalespersonId, decimal? Price, decimal? MonthlyPayment);

/// <summary>The columns the deals list sorts by, as they appear in its URL.</summary>
public static class DealSort
{
    public const string Number = "number";
    public const string Customer = "customer";
    public const string Vehicle = "vehicle";
    public const string Salesperson = "salesperson";
    public const string State = "state";
    public const string Price = "price";
    public const string Payment = "payment";
    public const string Created = "created";
    public static readonly string[] All = [Number, Customer, Vehicle, Salesperson, State, Price, Payment, Created];
}

public sealed record AuditView(DateTimeOffset OccurredAt, string Action, string? UserName, string Metadata)
{
    /// <summary>What happened, in words ("Changed the customer from Ann Lee to Bob Park"); null on older entries.</summary>
    public string? Summary => AuditTrail.Summary(Metadata);
}

public sealed record DealDetails(DealView Deal, CustomerView Customer, VehicleView? Vehicle, string SalespersonName,
    IReadOnlyList<ScenarioView> Scenarios, IReadOnlyList<AuditView> History);

/// <summary>Read side of deals for the pages and the JSON API; row-level security scopes every query.</summary>
public sealed class DealQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : IDealQueries
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
            from s in db.PricingScenarios.Where(s => s.Id == d.ActiveScenarioId).DefaultIfEmpty()
            select new { d, c, u.DisplayName, v, s };
        if (!string.IsNullOrWhiteSpace(search.State) && DealState.All.Contains(search.State))
            query = query.Where(x => x.d.State == search.State);
        if (search.SalespersonId is { } salespersonId)
            query = query.Where(x => x.d.SalespersonId == salespersonId);
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
        var desc = search.Descending;
        // Deals without a vehicle (or without a price or payment) go last whichever way the column is sorted.
        var sorted = search.Sort switch
        {
            DealSort.Number => desc ? query.OrderByDescending(x => x.d.DealNumber) : query.OrderBy(x => x.d.DealNumber),
            DealSort.Customer => desc ? query.OrderByDescending(x => x.c.LastName).ThenByDescending(x => x.c.FirstName)
                : query.OrderBy(x => x.c.LastName).ThenBy(x => x.c.FirstName),
            DealSort.Vehicle => desc
                ? query.OrderBy(x => x.v == null).ThenByDescending(x => x.v!.Make).ThenByDescending(x => x.v!.Model)
                : query.OrderBy(x => x.v == null).ThenBy(x => x.v!.Make).ThenBy(x => x.v!.Model),
            DealSort.Salesperson => desc ? query.OrderByDescending(x => x.DisplayName) : query.OrderBy(x => x.DisplayName),
            DealSort.State => desc ? query.OrderByDescending(x => x.d.State) : query.OrderBy(x => x.d.State),
            DealSort.Price => desc
                ? query.OrderBy(x => x.s == null || (x.v == null && x.s.Price <= 0)).ThenByDescending(x => x.s!.Price)
                : query.OrderBy(x => x.s == null || (x.v == null && x.s.Price <= 0)).ThenBy(x => x.s!.Price),
            DealSort.Payment => desc
                ? query.OrderBy(x => x.s == null || (x.v == null && x.s.Price <= 0)).ThenByDescending(x => x.s!.MonthlyPayment)
                : query.OrderBy(x => x.s == null || (x.v == null && x.s.Price <= 0)).ThenBy(x => x.s!.MonthlyPayment),
            DealSort.Created when !desc => query.OrderBy(x => x.d.CreatedAt),
            _ => query.OrderByDescending(x => x.d.CreatedAt),
        };
        // The deal number breaks ties, so paging through equal keys never repeats or skips a deal.
        var rows = await sorted.ThenByDescending(x => x.d.DealNumber)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new DealSummary(x.d.Id, x.d.DealNumber, x.d.State, x.c.FirstName + " " + x.c.LastName,
                x.v == null ? null : x.v.Year + " " + x.v.Make + " " + x.v.Model, x.v == null ? null : x.v.StockNumber,
                x.DisplayName, x.d.CreatedAt, x.d.SalespersonId,
                x.s == null ? null : x.s.Price,
                // PaymentCalculator.HasPayment, in SQL: a blank deal without a price has no payment yet.
                x.s == null || (x.v == null && x.s.Price <= 0) ? null : x.s.MonthlyPayment))
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
