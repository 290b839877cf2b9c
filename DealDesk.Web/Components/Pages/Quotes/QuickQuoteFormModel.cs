using System.Globalization;
using DealDesk.Data.Errors;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Pages.Deals;

namespace DealDesk.Web.Components.Pages.Quotes;

/// <summary>
/// The quick-quote form as the browser posts it: raw strings, so whatever the salesperson typed survives a
/// failed attempt and is shown again next to its error.
/// </summary>
public sealed class QuickQuoteFormModel
{
    /// <summary>The "No vehicle: quote a price" choice (the same value the deal form uses for blank desking).</summary>
    public const string NoVehicle = DealFormModel.NoVehicle;

    /// <summary>The inputs the form renders; a service message for anything else goes to the banner, never lost.</summary>
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase)
        { "customerName", "customerPhone", "price", "downPayment", "termMonths", "apr" };

    public string? CustomerName { get; set; }
    public string? CustomerPhone { get; set; }
    /// <summary>A vehicle id, or <see cref="NoVehicle"/>; empty after the chosen vehicle was taken.</summary>
    public string? VehicleId { get; set; }
    public string? VehicleQuery { get; set; }
    public string? Price { get; set; }
    public string? DownPayment { get; set; }
    public string? TermMonths { get; set; }
    public string? Apr { get; set; }
    /// <summary>"search" from the vehicle picker of a browser without JavaScript: show the list again, quote nothing.</summary>
    public string? Intent { get; set; }

    // Get-only, so form binding never fills it from posted fields.
    public FormErrors Errors { get; } = new();

    public bool IsBrowseIntent => !string.IsNullOrEmpty(Intent) && Intent != "save";

    /// <summary>True when an input itself is wrong (not only the vehicle, which may just have been taken).</summary>
    public bool HasFieldErrors => Errors.Banner is not null || Fields.Any(Errors.Has);

    /// <summary>An empty form: no vehicle, 60 months and the dealership's own APR filled in.</summary>
    public static QuickQuoteFormModel Fresh(Dealership? dealership) => new()
    {
        VehicleId = NoVehicle,
        TermMonths = "60",
        Apr = dealership is null ? null : Number(dealership.DefaultApr),
    };

    /// <summary>A saved quote's inputs, for reopening it. The price stays blank when it was the vehicle's own price.</summary>
    public static QuickQuoteFormModel From(QuickQuoteSummary quote) => new()
    {
        CustomerName = quote.CustomerName,
        CustomerPhone = quote.CustomerPhone,
        VehicleId = quote.VehicleId?.ToString() ?? NoVehicle,
        Price = quote.VehicleId is not null && quote.Price == quote.VehiclePrice ? null : Number(quote.Price),
        DownPayment = Number(quote.DownPayment),
        TermMonths = quote.TermMonths.ToString(CultureInfo.InvariantCulture),
        Apr = Number(quote.Apr),
    };

    /// <summary>
    /// The service request. Numbers are read with the invariant culture (the placeholders say 25000), tolerating
    /// "$", "%" and "25,000"; one that does not parse is left out and gets a field error, and the caller must not
    /// send the request while <see cref="FormErrors.Any"/>.
    /// </summary>
    public QuickQuoteRequest ToRequest()
    {
        var price = ParseDecimal("price", Price?.Replace("$", ""), "Enter a price like 25000.");
        var down = ParseDecimal("downPayment", DownPayment?.Replace("$", ""), "Enter a down payment like 2500.");
        var apr = ParseDecimal("apr", Apr?.Replace("%", ""), "Enter an APR like 6.9.");
        int? term = null;
        if (Blank(TermMonths) is { } t)
        {
            if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var months)) term = months;
            else Errors.Add("termMonths", "Enter the term in whole months, like 60.");
        }
        return new QuickQuoteRequest
        {
            CustomerName = Blank(CustomerName),
            CustomerPhone = Blank(CustomerPhone),
            VehicleId = VehicleId == NoVehicle ? null : Blank(VehicleId),
            Price = price,
            DownPayment = down,
            TermMonths = term,
            Apr = apr,
        };
    }

    /// <summary>Adds validator messages for fields that have no message yet (a parse error says it better).</summary>
    public void AddMissing(IEnumerable<(string Field, string Message)> errors)
    {
        var already = Fields.Where(Errors.Has).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, message) in errors)
            if (!already.Contains(field))
                AddField(field, message);
    }

    /// <summary>Puts a service error where the salesperson will look for it: next to its field, in the picker, or on top.</summary>
    public void Apply(AppError error)
    {
        switch (error.Code)
        {
            case ErrorCodes.ValidationFailed when error.Details?.GetValueOrDefault("fields") is IReadOnlyDictionary<string, string[]> byField:
                foreach (var (field, messages) in byField)
                    foreach (var message in messages)
                        AddField(field, message);
                break;
            case ErrorCodes.VehicleNotAvailable:
                Errors.Vehicle = error.Message;
                break;
            default:
                Errors.Banner = error.Message;
                break;
        }
    }

    private void AddField(string field, string message)
    {
        if (field.Equals("vehicleId", StringComparison.OrdinalIgnoreCase)) Errors.Vehicle ??= message;
        else if (Fields.Contains(field)) Errors.Add(field, message);
        else Errors.Banner = message;
    }

    private decimal? ParseDecimal(string field, string? raw, string message)
    {
        if (Blank(raw) is not { } text) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        Errors.Add(field, message);
        return null;
    }

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
