using DealDesk.Data.Quotes;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// A quote in the JSON API: the scenario's camelCase fields extended with the editor's inputs, the server's computed
/// figures (flat, plus every figure under <see cref="Figures"/>), state, version and last modifier. A client may send it
/// back as a PATCH body: read-only fields are ignored, totals are checked.
/// </summary>
public sealed record QuoteResource(
    Guid Id, Guid DealId, string DealNumber, string Name, string? Kind, decimal Price, decimal Discount, decimal DownPayment,
    int? TermMonths, decimal? Apr, decimal? ResidualPercent, decimal? MoneyFactor, int? AnnualMiles, decimal? DueAtSigning,
    IReadOnlyList<RebateLine> Rebates, IReadOnlyList<TradeInLine> TradeIns, IReadOnlyList<ProductLine> Products, IReadOnlyList<FeeLine> Fees,
    string Currency, DateTimeOffset ExpiresAt, long Version,
    decimal TaxableAmount, decimal Tax, decimal AmountFinanced, decimal? MonthlyPayment, decimal TotalOfPayments, decimal TotalCost, decimal? FrontGross,
    string State, bool IsActive, bool IsLocked, IReadOnlyList<string> AllowedActions, bool CanDelete, bool CanActivate,
    string? LastModifiedBy, Guid LastModifiedById, DateTimeOffset LastModifiedAt, DateTimeOffset CreatedAt, QuoteFigures Figures)
{
    public static QuoteResource From(QuoteView q)
    {
        var (i, f) = (q.Input, q.Figures);
        return new(q.Id, q.DealId, q.DealNumber, q.Name, i.Kind, i.Price, i.Discount, i.DownPayment, i.TermMonths, i.Apr, i.ResidualPercent,
            i.MoneyFactor, i.AnnualMiles, i.DueAtSigning, i.Rebates, i.TradeIns, i.Products, i.Fees, q.Currency, q.ExpiresAt, q.Version,
            f.TaxableAmount, f.Tax, f.AmountFinanced, f.MonthlyPayment, f.TotalOfPayments, f.TotalCost, f.FrontGross,
            q.State, q.IsActive, q.IsLocked, [.. q.AllowedActions.Select(a => a.ToString().ToLowerInvariant())], q.CanDelete, q.CanActivate,
            q.LastModifiedBy, q.LastModifiedById, q.LastModifiedAt, q.CreatedAt, f);
    }
}

/// <summary>What a quote write answers: 200/201 <c>{"success":true,"quoteId","version","savedAt","quote":{…}}</c>.</summary>
public sealed record QuoteSaved(Guid QuoteId, long Version, DateTimeOffset SavedAt, QuoteResource Quote)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public bool Success => true;

    public static QuoteSaved From(QuoteView q) => new(q.Id, q.Version, q.LastModifiedAt, QuoteResource.From(q));
}
