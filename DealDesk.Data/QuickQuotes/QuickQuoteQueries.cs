using DealDesk.Data.Customers;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.QuickQuotes;

/// <summary>A quick quote as the quotes page lists and reopens it: the figures, the vehicle it was for and the deal it became.</summary>
public sealed record QuickQuoteSummary(Guid Id, string CustomerName, string? CustomerPhone, Guid? VehicleId, string? VehicleTitle,
    string? StockNumber, decimal? VehiclePrice, decimal Price, decimal DownPayment, int TermMonths, decimal Apr, decimal MonthlyPayment,
    string Status, Guid? ConvertedDealId, string? DealNumber, DateTimeOffset CreatedAt)
{
    public bool IsConverted => Status == QuickQuoteStatus.Converted;

    public decimal TradeInValue { get; init; }

    /// <summary>For one open quote (<see cref="QuickQuoteQueries.GetAsync"/>): the dealership's customers with its phone, to offer before converting.</summary>
    public IReadOnlyList<CustomerMatch> MatchingCustomers { get; init; } = [];
}

/// <summary>Read side of quick quotes for the quotes page; row-level security scopes every query.</summary>
public sealed class QuickQuoteQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant)
{
    /// <summary>The dealership's latest quick quotes (everyone's), newest first.</summary>
    public async Task<IReadOnlyList<QuickQuoteSummary>> RecentAsync(int limit = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var dealershipId = tenant.DealershipId ?? Guid.Empty;
        return await Summaries(db, db.QuickQuotes.Where(q => q.DealershipId == dealershipId), Math.Clamp(limit, 1, 100)).ToListAsync(ct);
    }

    /// <summary>One quick quote, with the customers it matches while open; 404 or 403 (another dealership's) as typed errors.</summary>
    public async Task<QuickQuoteSummary> GetAsync(Guid quoteId, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var dealershipId = tenant.DealershipId ?? Guid.Empty;
        var quote = await Summaries(db, db.QuickQuotes.Where(q => q.Id == quoteId && q.DealershipId == dealershipId), 1).SingleOrDefaultAsync(ct)
            ?? throw await Ownership.MissingAsync(db, "quick_quotes", "Quick quote", quoteId, ct);
        if (quote.IsConverted || quote.CustomerPhone is null) return quote;
        return quote with { MatchingCustomers = await CustomerMatching.FindAsync(db, dealershipId, null, quote.CustomerPhone, except: null, ct) };
    }

    /// <summary>Newest first, with the vehicle's title and the deal's number (ordered before the projection, which SQL cannot sort by).</summary>
    private static IQueryable<QuickQuoteSummary> Summaries(DealDeskDbContext db, IQueryable<QuickQuote> quotes, int limit) =>
        (from q in quotes.AsNoTracking()
         from v in db.Vehicles.Where(v => v.Id == q.VehicleId && v.DealershipId == q.DealershipId).DefaultIfEmpty()
         from d in db.Deals.Where(d => d.Id == q.ConvertedDealId && d.DealershipId == q.DealershipId).DefaultIfEmpty()
         select new { q, v, d })
        .OrderByDescending(x => x.q.CreatedAt).ThenByDescending(x => x.q.Id)
        .Take(limit)
        .Select(x => new QuickQuoteSummary(x.q.Id, x.q.CustomerName, x.q.CustomerPhone, x.q.VehicleId,
            x.v == null ? null : x.v.Year + " " + x.v.Make + " " + x.v.Model + (x.v.Trim == null ? "" : " " + x.v.Trim),
            x.v == null ? null : x.v.StockNumber, x.v == null ? null : x.v.Price,
            x.q.Price, x.q.DownPayment, x.q.TermMonths, x.q.Apr, x.q.MonthlyPayment, x.q.Status, x.q.ConvertedDealId,
            x.d == null ? null : x.d.DealNumber, x.q.CreatedAt) { TradeInValue = x.q.TradeInValue });
}
