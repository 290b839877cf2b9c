using System.Globalization;
using System.Text.Json;
using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// Reads the quote API's request bodies by hand rather than through model binding: a PATCH must tell a field that was
/// not sent from one sent as null, and every malformed body or wrongly typed field must be a typed 400
/// (QUOTE_VALIDATION_FAILED with the fields at fault), never a binder's 500 or a silently ignored typo. Field names as
/// the quote resource writes them (case-insensitive); its read-only fields may be echoed back and are ignored; its
/// computed totals, when sent, are checked against the server's (ITEMS_INCONSISTENT).
/// </summary>
internal static class QuoteRequestJson
{
    public const string VersionField = "version";
    const int MaxBodyBytes = 256 * 1024;

    static readonly HashSet<string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "quoteId", "dealId", "dealNumber", "state", "isActive", "isLocked", "allowedActions", "canDelete", "canActivate",
        "lastModifiedBy", "lastModifiedById", "lastModifiedAt", "createdAt", "frontGross", "figures", "success", "savedAt",
    };

    /// <summary>The body as a JSON object; an empty body is an empty object when <paramref name="emptyIsObject"/>.</summary>
    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, bool emptyIsObject, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBodyBytes) throw Invalid("body", $"The body can have at most {MaxBodyBytes / 1024} KB.");
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            return emptyIsObject ? JsonDocument.Parse("{}").RootElement : throw Invalid("body", "Send the changes as a JSON object.");
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw Invalid("body", "Send a JSON object.");
        }
        catch (JsonException ex)
        {
            throw Invalid("body", $"The body is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).");
        }
    }

    /// <summary>The patch and the version it is based on (null when not sent), or one error naming every bad field.</summary>
    public static (QuotePatch Patch, long? Version) ReadPatch(JsonElement body)
    {
        var r = new Reader();
        var patch = new QuotePatch();
        long? version = null;
        var expected = new QuoteTotals();
        var sentTotals = false;
        foreach (var p in body.EnumerateObject())
        {
            var v = p.Value;
            switch (Canonical(p.Name))
            {
                case "name": patch = patch with { Name = r.String(p.Name, v) }; break;
                case "kind": patch = patch with { Kind = r.String(p.Name, v) }; break;
                case "currency": patch = patch with { Currency = r.String(p.Name, v) }; break;
                case "price": patch = patch with { Price = r.Money(p.Name, v) }; break;
                case "discount": patch = patch with { Discount = r.Money(p.Name, v) }; break;
                case "downPayment": patch = patch with { DownPayment = r.Money(p.Name, v) }; break;
                case "termMonths": patch = patch with { TermMonths = r.NullableInt(p.Name, v) }; break;
                case "annualMiles": patch = patch with { AnnualMiles = r.NullableInt(p.Name, v) }; break;
                case "apr": patch = patch with { Apr = r.NullableNumber(p.Name, v) }; break;
                case "residualPercent": patch = patch with { ResidualPercent = r.NullableNumber(p.Name, v) }; break;
                case "moneyFactor": patch = patch with { MoneyFactor = r.NullableNumber(p.Name, v) }; break;
                case "dueAtSigning": patch = patch with { DueAtSigning = r.NullableNumber(p.Name, v) }; break;
                case "expiresInDays": patch = patch with { ExpiresInDays = r.Int(p.Name, v) }; break;
                case "expiresAt": patch = patch with { ExpiresAt = r.Instant(p.Name, v) }; break;
                case "rebates":
                    patch = patch with { Rebates = Optional.Of(r.Lines(p.Name, v, (path, o) => new RebateLine(r.Text(path, o, "name"), r.Amount(path, o, "amount")))) };
                    break;
                case "tradeIns":
                    patch = patch with
                    {
                        TradeIns = Optional.Of(r.Lines(p.Name, v, (path, o) => new TradeInLine(r.Text(path, o, "vin"), r.WholeNumber(path, o, "year"),
                            r.Text(path, o, "make"), r.Text(path, o, "model"), r.Amount(path, o, "allowance"), r.Amount(path, o, "payoff")))),
                    };
                    break;
                case "products":
                    patch = patch with { Products = Optional.Of(r.Lines(p.Name, v, (path, o) => new ProductLine(r.Text(path, o, "name"), r.Amount(path, o, "price"), r.Flag(path, o, "taxable")))) };
                    break;
                case "fees":
                    patch = patch with { Fees = Optional.Of(r.Lines(p.Name, v, (path, o) => new FeeLine(r.Text(path, o, "name"), r.Amount(path, o, "amount"), r.Flag(path, o, "taxable")))) };
                    break;
                case VersionField: version = r.Version(p.Name, v); break;
                case "taxableAmount": expected = expected with { TaxableAmount = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case "tax": expected = expected with { Tax = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case "amountFinanced": expected = expected with { AmountFinanced = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case "monthlyPayment": expected = expected with { MonthlyPayment = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case "totalOfPayments": expected = expected with { TotalOfPayments = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case "totalCost": expected = expected with { TotalCost = r.Total(p.Name, v) }; sentTotals |= v.ValueKind != JsonValueKind.Null; break;
                case { } other when ReadOnly.Contains(other): break;
                default: r.Fail(p.Name, "Unknown field."); break;
            }
        }
        r.ThrowIfAny();
        return (sentTotals ? patch with { Expected = expected } : patch, version);
    }

    /// <summary>The version of a request that changes a quote: ?version=, else the body's "version"; missing is QUOTE_VALIDATION_FAILED.</summary>
    public static long RequireVersion(HttpRequest request, JsonElement? body, long? fromBody = null)
    {
        if (request.Query.TryGetValue(VersionField, out var query))
            return long.TryParse(query.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var q) && q >= 1
                ? q : throw Invalid(VersionField, "The version is a whole number from 1.");
        if (fromBody is { } known) return known;
        if (body is { } json && json.TryGetProperty(VersionField, out var v))
        {
            var r = new Reader();
            var version = r.Version(VersionField, v);
            r.ThrowIfAny();
            if (version is { } ok) return ok;
        }
        throw Invalid(VersionField, "Send the version of the quote your change is based on (from GET /api/quotes/{id}).");
    }

    static DealDeskException Invalid(string field, string message) => QuoteFailures.Field(field, message);

    /// <summary>The canonical (camelCase) spelling of a known field name, else the name as sent.</summary>
    static string Canonical(string name) => Known.TryGetValue(name, out var canonical) ? canonical : name;

    static readonly Dictionary<string, string> Known = new[]
    {
        "name", "kind", "currency", "price", "discount", "downPayment", "termMonths", "annualMiles", "apr", "residualPercent", "moneyFactor",
        "dueAtSigning", "expiresInDays", "expiresAt", "rebates", "tradeIns", "products", "fees", VersionField,
        "taxableAmount", "tax", "amountFinanced", "monthlyPayment", "totalOfPayments", "totalCost",
    }.ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>Collects field errors (path → messages) while reading; values read from a bad field are placeholders.</summary>
    sealed class Reader
    {
        readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Fail(string path, string message)
        {
            if (!_errors.TryGetValue(path, out var list)) _errors[path] = list = [];
            list.Add(message);
        }

        public void ThrowIfAny()
        {
            if (_errors.Count > 0)
                throw new DealDeskException(QuoteErrors.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
                    "Some fields of the request are not in the expected format."));
        }

        public string? String(string path, JsonElement v) => v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => Bad<string?>(path, "Send text.", null),
        };

        public decimal Money(string path, JsonElement v) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : Bad(path, "Send a number.", 0m);

        public decimal? NullableNumber(string path, JsonElement v) => v.ValueKind == JsonValueKind.Null ? null : Money(path, v);

        public decimal? Total(string path, JsonElement v) => NullableNumber(path, v);

        public int Int(string path, JsonElement v) =>
            v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : Bad(path, "Send a whole number.", 0);

        public int? NullableInt(string path, JsonElement v) => v.ValueKind == JsonValueKind.Null ? null : Int(path, v);

        public long? Version(string path, JsonElement v) =>
            v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) && l >= 1 ? l : Bad<long?>(path, "The version is a whole number from 1.", null);

        public DateTimeOffset Instant(string path, JsonElement v) =>
            v.ValueKind == JsonValueKind.String && v.TryGetDateTimeOffset(out var t) ? t : Bad(path, "Send a date and time with its offset (ISO 8601).", default(DateTimeOffset));

        public IReadOnlyList<T> Lines<T>(string path, JsonElement v, Func<string, JsonElement, T> line)
        {
            if (v.ValueKind != JsonValueKind.Array) return Bad<IReadOnlyList<T>>(path, "Send a list (it may be empty).", []);
            var items = new List<T>();
            var i = 0;
            foreach (var item in v.EnumerateArray())
            {
                var itemPath = $"{path}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object) Fail(itemPath, "Send each line as an object.");
                else items.Add(line(itemPath, item));
            }
            return items;
        }

        public string? Text(string linePath, JsonElement line, string field) =>
            line.TryGetProperty(field, out var v) ? String($"{linePath}.{field}", v) : null;

        public decimal Amount(string linePath, JsonElement line, string field) =>
            line.TryGetProperty(field, out var v) ? Money($"{linePath}.{field}", v) : 0m;

        public int? WholeNumber(string linePath, JsonElement line, string field) =>
            line.TryGetProperty(field, out var v) ? NullableInt($"{linePath}.{field}", v) : null;

        public bool Flag(string linePath, JsonElement line, string field) => !line.TryGetProperty(field, out var v) ? false : v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Bad($"{linePath}.{field}", "Send true or false.", false),
        };

        T Bad<T>(string path, string message, T placeholder)
        {
            Fail(path, message);
            return placeholder;
        }
    }
}
