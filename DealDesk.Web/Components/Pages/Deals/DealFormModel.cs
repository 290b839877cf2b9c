using DealDesk.Data.Deals;
using DealDesk.Web.Components.Shared;

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

    protected static string? Blank(string? value) => FormInput.Blank(value);
}

/// <summary>The deal-creation form: customer, vehicle, optional first-scenario numbers, salesperson.</summary>
public sealed class DealFormModel : CustomerFormModel, IVehicleChoice
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
        var price = FormInput.Money(Errors, "price", Price, "Enter a price like 25000.");
        var down = FormInput.Money(Errors, "downPayment", DownPayment, "Enter a down payment like 2500.");
        var apr = FormInput.Percent(Errors, "apr", Apr, "Enter an APR like 6.9.");
        var term = FormInput.Months(Errors, "termMonths", TermMonths);
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
}
