using System.Globalization;
using System.Text.Json;
using DealDesk.Data.Quotes;
using DealDesk.Web.Components.Shared;

namespace DealDesk.Web.Components.Pages.Deals.Quotes;

/// <summary>How the editor names a quote field (<see cref="QuoteFields"/>) and shows its value, in the banner, the conflict panel and the history.</summary>
public static class QuoteFieldText
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Label(string field) => field switch
    {
        QuoteFields.Name => "Name",
        QuoteFields.Kind => "Type",
        QuoteFields.Price => "Price",
        QuoteFields.Discount => "Discount",
        QuoteFields.DownPayment => "Down payment",
        QuoteFields.TermMonths => "Term",
        QuoteFields.Apr => "APR",
        QuoteFields.ResidualPercent => "Residual",
        QuoteFields.MoneyFactor => "Money factor",
        QuoteFields.AnnualMiles => "Annual miles",
        QuoteFields.DueAtSigning => "Due at signing",
        QuoteFields.Rebates => "Rebates",
        QuoteFields.TradeIns => "Trade-ins",
        QuoteFields.Products => "F&I products",
        QuoteFields.Fees => "Fees",
        QuoteFields.Currency => "Currency",
        QuoteFields.ExpiresAt => "Expiry",
        QuoteFields.State => "State",
        _ => field,
    };

    /// <summary>"APR, down payment".</summary>
    public static string Labels(IEnumerable<string> fields) => string.Join(", ", QuoteFields.Ordered(fields).Select(Label));

    public static string KindLabel(string? kind) => kind switch
    {
        QuoteKind.Finance => "Finance",
        QuoteKind.Lease => "Lease",
        QuoteKind.Cash => "Cash",
        _ => kind ?? "—",
    };

    /// <summary>The value of <paramref name="field"/> in a quote's inputs, as a salesperson reads it.</summary>
    public static string Value(string field, QuoteInput input, string name) => field switch
    {
        QuoteFields.Name => name,
        QuoteFields.Kind => KindLabel(input.Kind),
        QuoteFields.Price => Money.Format(input.Price),
        QuoteFields.Discount => Money.Format(input.Discount),
        QuoteFields.DownPayment => Money.Format(input.DownPayment),
        QuoteFields.TermMonths => input.TermMonths is { } t ? $"{t} months" : "—",
        QuoteFields.Apr => input.Apr is { } a ? Money.Percent(a) : "—",
        QuoteFields.ResidualPercent => input.ResidualPercent is { } r ? Money.Percent(r) : "—",
        QuoteFields.MoneyFactor => input.MoneyFactor is { } m ? m.ToString("0.00000", Us) : "—",
        QuoteFields.AnnualMiles => input.AnnualMiles is { } mi ? mi.ToString("N0", Us) : "—",
        QuoteFields.DueAtSigning => Money.Format(input.DueAtSigning),
        QuoteFields.Rebates => Lines(input.Rebates.Select(r => $"{r.Name} {Money.Format(r.Amount)}")),
        QuoteFields.TradeIns => Lines(input.TradeIns.Select(t => $"{Vehicle(t)} {Money.Format(t.Allowance)} − {Money.Format(t.Payoff)}")),
        QuoteFields.Products => Lines(input.Products.Select(p => $"{p.Name} {Money.Format(p.Price)}")),
        QuoteFields.Fees => Lines(input.Fees.Select(f => $"{f.Name} {Money.Format(f.Amount)}")),
        QuoteFields.Currency => input.Currency ?? "—",
        _ => "—",
    };

    /// <summary>A value from the history's JSON (numbers, text, line lists) as a short text.</summary>
    public static string Json(string field, JsonElement? value)
    {
        if (value is not { } v) return "—";
        return v.ValueKind switch
        {
            JsonValueKind.Array => v.GetArrayLength() switch { 0 => "none", 1 => "1 line", var n => $"{n} lines" },
            JsonValueKind.Number when field is QuoteFields.Apr or QuoteFields.ResidualPercent => Money.Percent(v.GetDecimal()),
            JsonValueKind.Number when field is QuoteFields.TermMonths => $"{v.GetDecimal():0} months",
            JsonValueKind.Number when field is QuoteFields.MoneyFactor or QuoteFields.AnnualMiles => v.GetDecimal().ToString(Us),
            JsonValueKind.Number => Money.Format(v.GetDecimal()),
            JsonValueKind.String when field is QuoteFields.Kind => KindLabel(v.GetString()),
            JsonValueKind.String when field is QuoteFields.ExpiresAt && v.TryGetDateTimeOffset(out var at) => at.UtcDateTime.ToString("MMM d, yyyy", Us),
            JsonValueKind.String => v.GetString() ?? "—",
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            _ => v.ToString(),
        };
    }

    public static string Vehicle(TradeInLine t) =>
        string.Join(' ', new[] { t.Year?.ToString(Us), t.Make, t.Model }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } title ? title : "Trade-in";

    private static string Lines(IEnumerable<string> lines) => string.Join("; ", lines) is { Length: > 0 } text ? text : "none";
}
