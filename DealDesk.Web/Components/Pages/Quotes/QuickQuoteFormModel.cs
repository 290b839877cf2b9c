using System.Globalization;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Pages.Deals;
using DealDesk.Web.Components.Shared;

namespace DealDesk.Web.Components.Pages.Quotes;

/// <summary>
/// The quick-quote form as the browser posts it: raw strings, so whatever the salesperson typed survives a
/// failed attempt and is shown again next to its error.
/// </summary>
public sealed class QuickQuoteFormModel : IVehicleChoice
{
    /// <summary>The "No vehicle: quote a price" choice (the same value the deal form uses for blank desking).</summary>
    public const string NoVehicle = DealFormModel.NoVehicle;

    /// <summary>The inputs the form renders; a service message for anything else goes to the banner, never lost.</summary>
    private static readonly string[] Fields = ["customerName", "customerPhone", "price", "downPayment", "termMonths", "apr"];

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
    public FormErrors Errors { get; } = new(Fields);

    public bool IsBrowseIntent => !string.IsNullOrEmpty(Intent) && Intent != "save";

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
        var price = FormInput.Money(Errors, "price", Price, "Enter a price like 25000.");
        var down = FormInput.Money(Errors, "downPayment", DownPayment, "Enter a down payment like 2500.");
        var apr = FormInput.Percent(Errors, "apr", Apr, "Enter an APR like 6.9.");
        var term = FormInput.Months(Errors, "termMonths", TermMonths);
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

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => FormInput.Blank(value);
}
