using System.Globalization;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;

namespace DealDesk.Web.Components.Pages.Deals;

/// <summary>
/// The customer part of a deal form (new deal, change customer), as the browser posts it: raw strings,
/// so whatever the user typed survives a failed attempt and is shown again next to its error.
/// </summary>
public class CustomerFormModel
{
    public string? CustomerId { get; set; }
    /// <summary>Display only (the chosen customer's name survives a re-render); the service checks the id.</summary>
    public string? CustomerName { get; set; }
    public string? CustomerQuery { get; set; }
    /// <summary>"true" when the "New customer" switch is on (a string: a browser may post any checkbox value).</summary>
    public string? NewCustomer { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>Which button a browser without JavaScript pressed (search, pick, change); empty means "save".</summary>
    public string? Intent { get; set; }

    // Get-only, so form binding never fills them from posted fields.
    public FormErrors Errors { get; } = new();

    public bool IsNewCustomer => NewCustomer is "true" or "on";
    public bool HasChosenCustomer => !IsNewCustomer && !string.IsNullOrWhiteSpace(CustomerId);

    public string? ExistingCustomerId => IsNewCustomer ? null : Blank(CustomerId);

    public NewCustomerData? NewCustomerData => IsNewCustomer
        ? new NewCustomerData { FirstName = Blank(FirstName), LastName = Blank(LastName), Email = Blank(Email), Phone = Blank(Phone) }
        : null;

    /// <summary>True when a browser without JavaScript pressed search, pick or change: show the form again, save nothing.</summary>
    public bool IsBrowseIntent => !string.IsNullOrEmpty(Intent) && Intent != "save";

    /// <summary>Applies a no-JavaScript pick or change; "search" needs nothing (the form re-renders with fresh results).</summary>
    public void ApplyIntent(IReadOnlyList<CustomerView> matches)
    {
        if (Intent == "change-customer")
        {
            CustomerId = CustomerName = null;
        }
        else if (Intent?.StartsWith("pick-customer:", StringComparison.Ordinal) == true
                 && matches.FirstOrDefault(c => c.Id.ToString() == Intent["pick-customer:".Length..]) is { } picked)
        {
            CustomerId = picked.Id.ToString();
            CustomerName = picked.FullName;
        }
    }

    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The deal-creation form: customer, vehicle, optional first-scenario numbers, salesperson.</summary>
public sealed class DealFormModel : CustomerFormModel
{
    public const string NoVehicle = "none";

    /// <summary>One per dialog opening: a double submit replays the first result instead of creating twice.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>
    /// A vehicle id, or <see cref="NoVehicle"/> for blank desking. Empty means nothing is chosen: that happens
    /// only after the chosen vehicle was taken, and must not silently become a deal without a vehicle.
    /// </summary>
    public string? VehicleId { get; set; }
    public string? VehicleQuery { get; set; }
    public string? Price { get; set; }
    public string? DownPayment { get; set; }
    public string? TermMonths { get; set; }
    public string? Apr { get; set; }
    public string? SalespersonId { get; set; }
    /// <summary>"dialog" or "page": where the form is shown, so a re-render keeps the right Cancel button.</summary>
    public string? Surface { get; set; }
    public bool InDialog => Surface == "dialog";

    public bool HasPricing => new[] { Price, DownPayment, TermMonths, Apr }.Any(v => !string.IsNullOrWhiteSpace(v));

    public static DealFormModel Fresh(Guid? vehicleId, bool inDialog) => new()
    {
        IdempotencyKey = Guid.NewGuid().ToString(),
        VehicleId = vehicleId?.ToString() ?? NoVehicle,
        Surface = inDialog ? "dialog" : "page",
    };

    /// <summary>
    /// The service request. Numbers are read with the invariant culture (the placeholders say 25000),
    /// tolerating "$", "%" and "25,000"; one that does not parse is left out and gets a field error,
    /// and the caller must not send the request while <see cref="FormErrors.Any"/>.
    /// </summary>
    public CreateDealRequest ToRequest()
    {
        var price = ParseMoney(nameof(Price), Price, "Enter a price like 25000.");
        var down = ParseMoney(nameof(DownPayment), DownPayment, "Enter a down payment like 2500.");
        var apr = ParseDecimal(nameof(Apr), Apr?.Replace("%", ""), "Enter an APR like 6.9.");
        int? term = null;
        if (Blank(TermMonths) is { } t)
        {
            if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var months)) term = months;
            else Errors.Add(nameof(TermMonths), "Enter the term in whole months, like 60.");
        }
        if (Blank(VehicleId) is null) Errors.Vehicle = "Pick a vehicle, or choose “No vehicle yet”.";
        return new CreateDealRequest
        {
            CustomerId = ExistingCustomerId,
            CustomerData = NewCustomerData,
            VehicleId = VehicleId == NoVehicle ? null : Blank(VehicleId),
            SalespersonId = Blank(SalespersonId),
            Scenario = HasPricing ? new ScenarioInput { Price = price, DownPayment = down, TermMonths = term, Apr = apr } : null,
        };
    }

    private decimal? ParseMoney(string field, string? raw, string message) =>
        ParseDecimal(field, raw?.Replace("$", ""), message);

    private decimal? ParseDecimal(string field, string? raw, string message)
    {
        if (Blank(raw) is not { } text) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        Errors.Add(field, message);
        return null;
    }
}

/// <summary>
/// Messages by form field, plus the two places an error can show outside a field: the banner at the
/// top of the form and the vehicle picker.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, List<string>> fields = new(StringComparer.OrdinalIgnoreCase);

    public string? Banner { get; set; }
    /// <summary>The deal that already exists for a reused request key, linked from the banner.</summary>
    public Guid? ExistingDealId { get; set; }
    public string? Vehicle { get; set; }
    public bool Any => fields.Count > 0 || Banner is not null || Vehicle is not null;

    public void Add(string field, string message)
    {
        if (!fields.TryGetValue(field, out var list)) fields[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public IReadOnlyList<string> For(string field) => fields.TryGetValue(field, out var list) ? list : [];
    public bool Has(string field) => fields.ContainsKey(field);
    public string InvalidCss(string field) => Has(field) ? "is-invalid" : "";

    /// <summary>
    /// Puts a service error where the user will look for it. Field paths are camelCase
    /// ("customerData.firstName", "scenario.termMonths"); the form's inputs carry the last segment,
    /// "customer"/"customerId" belong to the customer picker.
    /// </summary>
    public void Apply(AppError error)
    {
        switch (error.Code)
        {
            case ErrorCodes.ValidationFailed when error.Details?.GetValueOrDefault("fields") is IReadOnlyDictionary<string, string[]> byPath:
                foreach (var (path, messages) in byPath)
                    foreach (var message in messages)
                        AddPath(path, message);
                break;
            case ErrorCodes.VehicleNotAvailable:
                Vehicle = error.Message;
                break;
            case ErrorCodes.IdempotencyKeyReused:
                // Only after an uncertain failure that had in fact saved: the earlier attempt made the deal.
                Banner = "This form already created a deal; the changes since were not saved.";
                ExistingDealId = error.Details?.GetValueOrDefault("dealId") as Guid?;
                break;
            default:
                Banner = error.Message;
                break;
        }
    }

    /// <summary>The inputs the deal forms render; a message for anything else goes to the banner, never lost.</summary>
    private static readonly HashSet<string> ShownFields = new(StringComparer.OrdinalIgnoreCase)
        { "customer", "firstName", "lastName", "email", "phone", "price", "downPayment", "termMonths", "apr", "salespersonId" };

    /// <summary>Adds validator messages for fields that have no message yet (a parse error says it better).</summary>
    public void AddMissing(IEnumerable<(string Path, string Message)> errors)
    {
        var already = new HashSet<string>(fields.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var (path, message) in errors)
            if (!already.Contains(path[(path.LastIndexOf('.') + 1)..]))
                AddPath(path, message);
    }

    private void AddPath(string path, string message)
    {
        var field = path switch
        {
            "customer" or "customerId" => "customer",
            _ => path[(path.LastIndexOf('.') + 1)..],
        };
        if (field == "vehicleId") Vehicle = message;
        else if (ShownFields.Contains(field)) Add(field, message);
        else Banner = message;
    }
}
