using DealDesk.Data.Errors;
using FluentValidation.Results;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// Messages by form field, plus the two places an error can show outside a field: the banner at the
/// top of the form and the vehicle picker.
/// </summary>
public sealed class FormErrors(IEnumerable<string>? shownFields = null)
{
    /// <summary>The deal forms' inputs, the default; a message for any other field goes to the banner, never lost.</summary>
    private static readonly string[] DealFields =
        ["customer", "firstName", "lastName", "email", "phone", "price", "downPayment", "termMonths", "apr", "salespersonId"];

    private readonly Dictionary<string, List<string>> fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> shown = new(shownFields ?? DealFields, StringComparer.OrdinalIgnoreCase);

    public string? Banner { get; set; }
    /// <summary>The deal that already exists for a reused request key, linked from the banner.</summary>
    public Guid? ExistingDealId { get; set; }
    public string? Vehicle { get; set; }
    public bool Any => fields.Count > 0 || Banner is not null || Vehicle is not null;
    /// <summary>An input itself is wrong (not only the vehicle, which may just have been taken).</summary>
    public bool HasFieldErrors => fields.Count > 0 || Banner is not null;

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

    /// <summary>Adds the service validator's messages for fields that have no message yet (a parse error says it better).</summary>
    public void AddMissing(ValidationResult result) =>
        AddMissing(result.Errors.Select(e => (Validation.CamelPath(e.PropertyName), e.ErrorMessage)));

    private void AddMissing(IEnumerable<(string Path, string Message)> errors)
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
        if (field == "vehicleId") Vehicle ??= message;
        else if (shown.Contains(field)) Add(field, message);
        else Banner = message;
    }
}
