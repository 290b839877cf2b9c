using System.Text.Json;

namespace DealDesk.Data.Quotes;

/// <summary>What a quote is at one version, as far as its history records it.</summary>
internal sealed record QuoteSnapshot(string Name, QuoteInput Input, string State, DateTimeOffset ExpiresAt);

/// <summary>Field-by-field differences between two versions of a quote, for quote_history and the notifications.</summary>
internal static class QuoteDiff
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Changed fields (<see cref="QuoteFields"/> names, in their order) with their values before and after.</summary>
    public static IReadOnlyDictionary<string, (object? From, object? To)> Of(QuoteSnapshot before, QuoteSnapshot after)
    {
        var changes = new Dictionary<string, (object?, object?)>();
        void Compare<T>(string field, T from, T to)
        {
            if (!EqualityComparer<T>.Default.Equals(from, to)) changes[field] = (from, to);
        }
        void CompareLines<T>(string field, IReadOnlyList<T>? from, IReadOnlyList<T>? to)
        {
            if (!(from ?? []).SequenceEqual(to ?? [])) changes[field] = (from ?? [], to ?? []);
        }
        var (a, b) = (before.Input, after.Input);
        Compare(QuoteFields.Name, before.Name, after.Name);
        Compare(QuoteFields.Kind, a.Kind, b.Kind);
        Compare(QuoteFields.Price, a.Price, b.Price);
        Compare(QuoteFields.Discount, a.Discount, b.Discount);
        Compare(QuoteFields.DownPayment, a.DownPayment, b.DownPayment);
        Compare(QuoteFields.TermMonths, a.TermMonths, b.TermMonths);
        Compare(QuoteFields.Apr, a.Apr, b.Apr);
        Compare(QuoteFields.ResidualPercent, a.ResidualPercent, b.ResidualPercent);
        Compare(QuoteFields.MoneyFactor, a.MoneyFactor, b.MoneyFactor);
        Compare(QuoteFields.AnnualMiles, a.AnnualMiles, b.AnnualMiles);
        Compare(QuoteFields.DueAtSigning, a.DueAtSigning, b.DueAtSigning);
        CompareLines(QuoteFields.Rebates, a.Rebates, b.Rebates);
        CompareLines(QuoteFields.TradeIns, a.TradeIns, b.TradeIns);
        CompareLines(QuoteFields.Products, a.Products, b.Products);
        CompareLines(QuoteFields.Fees, a.Fees, b.Fees);
        Compare(QuoteFields.Currency, a.Currency, b.Currency);
        Compare(QuoteFields.ExpiresAt, before.ExpiresAt, after.ExpiresAt);
        Compare(QuoteFields.State, before.State, after.State);
        return changes;
    }

    /// <summary>A new quote's fields as changes from nothing (every field with a value).</summary>
    public static IReadOnlyDictionary<string, (object? From, object? To)> Initial(QuoteSnapshot created) =>
        Of(new QuoteSnapshot("", new QuoteInput(), "", default), created).ToDictionary(c => c.Key, c => ((object?)null, c.Value.To));

    /// <summary>The jsonb of quote_history.changes: { field: { "from": …, "to": … } }.</summary>
    public static string ToJson(IReadOnlyDictionary<string, (object? From, object? To)> changes) =>
        JsonSerializer.Serialize(changes.ToDictionary(c => c.Key, c => new { from = c.Value.From, to = c.Value.To }), Json);

    public static IReadOnlyDictionary<string, QuoteFieldChange> FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var fields = doc.RootElement.EnumerateObject().ToDictionary(f => f.Name, f => f.Value);
        var result = new Dictionary<string, QuoteFieldChange>();
        // jsonb keeps its own key order (by length): back to the editor's.
        foreach (var name in QuoteFields.Ordered(fields.Keys))
        {
            JsonElement? Part(string part) =>
                fields[name].TryGetProperty(part, out var v) && v.ValueKind != JsonValueKind.Null ? v.Clone() : null;
            result[name] = new QuoteFieldChange(Part("from"), Part("to"));
        }
        return result;
    }

    /// <summary>Trimmed line texts and an empty VIN as none, so an unchanged line compares equal to the stored one.</summary>
    public static QuoteInput Normalize(QuoteInput input) => input with
    {
        Rebates = input.Rebates?.Select(r => r is null ? r! : r with { Name = r.Name?.Trim() }).ToArray()!,
        TradeIns = input.TradeIns?.Select(t => t is null ? t! : t with
        {
            Vin = string.IsNullOrWhiteSpace(t.Vin) ? null : t.Vin.Trim(), Make = t.Make?.Trim(), Model = t.Model?.Trim(),
        }).ToArray()!,
        Products = input.Products?.Select(p => p is null ? p! : p with { Name = p.Name?.Trim() }).ToArray()!,
        Fees = input.Fees?.Select(f => f is null ? f! : f with { Name = f.Name?.Trim() }).ToArray()!,
    };
}
