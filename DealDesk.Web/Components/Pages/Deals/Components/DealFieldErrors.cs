using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using FluentValidation;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>
/// The dialog's field messages, keyed by the service's camelCase paths (<c>customerData.email</c>,
/// <c>scenario.downPayment</c>, <c>vehicleId</c>). They come from the same <see cref="CreateDealValidator"/>
/// the service runs, re-run on the whole request at every change (rules such as "a customer or a new one"
/// need more than one field), plus what the service itself answered (VALIDATION_FAILED fields, a vehicle
/// that was taken). A field's message shows once the field was touched, or after a submit.
/// </summary>
public sealed class DealFieldErrors(IValidator<CreateDealRequest> validator)
{
    public const string Customer = "customer";
    public const string Vehicle = "vehicleId";
    public const string DownPayment = ScenarioPaths.DownPayment;

    /// <summary>The UI never sends both an existing and a new customer, so the validator's rule can only mean "neither".</summary>
    public const string MissingCustomer = "Choose an existing customer or enter the new customer's first and last name.";

    private readonly HashSet<string> touched = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> answered = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, string> current = new(StringComparer.OrdinalIgnoreCase);
    private bool showAll;

    /// <summary>The dealership's country: how the new customer's phone is read.</summary>
    public string? Region { get; set; }

    /// <summary>Re-checks the draft; <paramref name="extra"/> adds rules the validator cannot know (money that needs the dealership's settings).</summary>
    public void Check(DealDraft draft, IEnumerable<(string Path, string Message)> extra)
    {
        var result = validator.Validate(PhoneRegion.Context(draft.ToRequest(), Region));
        var messages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var error in result.Errors)
            messages.TryAdd(PathOf(error.PropertyName), error.ErrorMessage);
        foreach (var (path, message) in extra) messages.TryAdd(path, message);
        if (!draft.NewCustomer && messages.ContainsKey(Customer)) messages[Customer] = MissingCustomer;
        if (!draft.NoVehicle && draft.Vehicle is null) messages.TryAdd(Vehicle, "Pick a vehicle, or choose “No vehicle yet”.");
        current = messages;
    }

    /// <summary>The message to show at a field, or null.</summary>
    public string? For(string path) =>
        answered.TryGetValue(path, out var said) ? said
        : (showAll || touched.Contains(path)) && current.TryGetValue(path, out var message) ? message
        : null;

    public bool Has(string path) => For(path) is not null;

    /// <summary>True when any field would refuse the draft (shown or not yet).</summary>
    public bool Blocking => current.Count > 0 || answered.Count > 0;

    /// <summary>The salesperson left this field: its message may show from now on.</summary>
    public void Touch(string path) => touched.Add(path);

    /// <summary>The salesperson changed this field: its message shows as they type, and the service's earlier answer no longer applies.</summary>
    public void Edit(string path)
    {
        touched.Add(path);
        answered.Remove(path);
    }

    public void ShowAll() => showAll = true;

    /// <summary>Puts a message from the service at its field (the last path segment decides nothing: paths are exact).</summary>
    public void Answer(string path, string message) => answered[path] = message;

    public static string PathOf(string propertyName) => Validation.CamelPath(propertyName) switch
    {
        "customerId" => Customer,
        var path => path,
    };
}
