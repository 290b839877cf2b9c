using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Quotes;

/// <summary>The dealership's quote settings the editor needs (fee templates, currencies, tax rules, grid step).</summary>
public sealed record QuoteSettings(decimal TaxRate, bool TradeInReducesTaxable, decimal DownPaymentStep, IReadOnlyList<string> AllowedCurrencies,
    IReadOnlyList<FeeTemplate> FeeTemplates, decimal DefaultApr);

/// <summary>The quote editor's reads; row-level security scopes every query, 404/403 as typed errors.</summary>
public sealed class QuoteQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant, TimeProvider time, QuoteThrottle throttle)
{
    public const int MaxCompared = 3;

    public Task<QuoteView> GetAsync(Guid quoteId, CancellationToken ct = default) =>
        ReadAsync(async db => (await RowAsync(db, quoteId, ct)).View(time.GetUtcNow()), ct);

    /// <summary>The deal's quotes, oldest first.</summary>
    public Task<IReadOnlyList<QuoteView>> ListAsync(Guid dealId, CancellationToken ct = default) => ReadAsync<IReadOnlyList<QuoteView>>(async db =>
    {
        var dealershipId = Dealership();
        if (!await db.Deals.AnyAsync(d => d.Id == dealId && d.DealershipId == dealershipId, ct))
            throw await Ownership.MissingAsync(db, "deals", "Deal", dealId, ct);
        var now = time.GetUtcNow();
        return [.. (await QuoteRow.LoadAsync(db, dealershipId, s => s.DealId == dealId, track: false, ct)).Select(r => r.View(now))];
    }, ct);

    /// <summary>Every version of the quote, oldest first: who, when, what changed from what to what.</summary>
    public Task<IReadOnlyList<QuoteHistoryView>> HistoryAsync(Guid quoteId, CancellationToken ct = default) => ReadAsync<IReadOnlyList<QuoteHistoryView>>(async db =>
    {
        await EnsureVisibleAsync(db, quoteId, ct);
        var rows = await (
                from h in db.QuoteHistory.AsNoTracking().Where(h => h.QuoteId == quoteId)
                from u in db.Users.Where(u => u.Id == h.UserId).DefaultIfEmpty()
                orderby h.Version
                select new { h, Name = u == null ? null : u.DisplayName })
            .ToListAsync(ct);
        return [.. rows.Select(r => new QuoteHistoryView(r.h.Version, r.h.Action, r.h.UserId, r.Name, r.h.ChangedAt, QuoteDiff.FromJson(r.h.Changes)))];
    }, ct);

    /// <summary>Payments for three terms × three down payments around the quote's (PRICING_VALIDATION_FAILED for cash or an unpriceable quote).</summary>
    public Task<PaymentGrid> GridAsync(Guid quoteId, CancellationToken ct = default) => ReadAsync(async db =>
    {
        var row = await RowAsync(db, quoteId, ct);
        return PaymentGrid.Build(row.Input(), QuoteRecords.RulesOf(row.Quote), row.Dealership.DownPaymentStep);
    }, ct);

    /// <summary>Two or three quotes of one deal and the inputs that differ between them (QUOTE_VALIDATION_FAILED otherwise).</summary>
    public Task<QuoteComparison> CompareAsync(IReadOnlyList<Guid> quoteIds, CancellationToken ct = default)
    {
        var ids = quoteIds.Distinct().ToArray();
        if (ids.Length is < 2 or > MaxCompared) throw QuoteFailures.Field("ids", $"Compare two or {MaxCompared} different quotes.");
        return ReadAsync(async db =>
        {
            var rows = new List<QuoteRow>();
            foreach (var id in ids) rows.Add(await RowAsync(db, id, ct));
            if (rows.Select(r => r.Quote.DealId).Distinct().Count() > 1) throw QuoteFailures.Field("ids", "Compare quotes of the same deal.");
            var now = time.GetUtcNow();
            var snapshots = rows.Select(r => new QuoteSnapshot(r.Quote.Name, r.Input(), r.Quote.State, r.Quote.ExpiresAt)).ToList();
            var differing = snapshots.Skip(1).SelectMany(s => QuoteDiff.Of(snapshots[0], s).Keys)
                .Where(f => f is not QuoteFields.Name and not QuoteFields.ExpiresAt and not QuoteFields.State);
            return new QuoteComparison([.. rows.Select(r => r.View(now))], QuoteFields.Ordered(differing));
        }, ct);
    }

    /// <summary>The signed-in user's dealership's quote settings.</summary>
    public Task<QuoteSettings> SettingsAsync(CancellationToken ct = default) => ReadAsync(async db =>
    {
        var dealershipId = Dealership();
        var d = await db.Dealerships.AsNoTracking().SingleAsync(x => x.Id == dealershipId, ct);
        return new QuoteSettings(d.DefaultTaxRate, d.TradeInReducesTaxable, d.DownPaymentStep, d.AllowedCurrencies, d.QuoteFeeTemplates(), d.DefaultApr);
    }, ct);

    /// <summary>One read: a slot of the <see cref="QuoteThrottle"/>, then a context whose connection stays open for its queries.</summary>
    Task<T> ReadAsync<T>(Func<DealDeskDbContext, Task<T>> read, CancellationToken ct)
    {
        Dealership(); // 401 before waiting for anything
        return throttle.RunAsync(async () =>
        {
            await using var db = await contexts.OpenAsync(ct);
            return await read(db);
        }, ct);
    }

    async Task<QuoteRow> RowAsync(DealDeskDbContext db, Guid quoteId, CancellationToken ct) =>
        await QuoteRow.LoadAsync(db, Dealership(), quoteId, track: false, ct)
        ?? throw await Ownership.MissingAsync(db, "pricing_scenarios", "Quote", quoteId, ct);

    async Task EnsureVisibleAsync(DealDeskDbContext db, Guid quoteId, CancellationToken ct)
    {
        var dealershipId = Dealership();
        if (!await db.PricingScenarios.AnyAsync(s => s.Id == quoteId && s.DealershipId == dealershipId, ct))
            throw await Ownership.MissingAsync(db, "pricing_scenarios", "Quote", quoteId, ct);
    }

    Guid Dealership() => Actor.From(tenant).DealershipId;
}
