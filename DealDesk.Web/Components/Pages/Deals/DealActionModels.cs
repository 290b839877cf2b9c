using DealDesk.Web.Components.Shared;

namespace DealDesk.Web.Components.Pages.Deals;

/// <summary>The attach/swap vehicle form on the deal page, as posted.</summary>
public sealed class VehicleFormModel
{
    public string? VehicleId { get; set; }
    public string? VehicleQuery { get; set; }
    /// <summary>"search" from a browser without JavaScript: show the list again, change nothing.</summary>
    public string? Intent { get; set; }
    /// <summary>"true" when the deal had a vehicle when the form was shown (labels say "swap" rather than "attach").</summary>
    public string? Swap { get; set; }

    public FormErrors Errors { get; } = new();

    public bool HasVehicle => Swap == "true";
    public bool IsBrowseIntent => !string.IsNullOrEmpty(Intent) && Intent != "save";
}

/// <summary>The deal page's actions, by the name their endpoints and forms share.</summary>
public static class DealAction
{
    public const string Vehicle = "vehicle";
    public const string Customer = "customer";
    public const string Cancel = "cancel";
    public const string Deliver = "deliver";
}

/// <summary>
/// A deal-page action that a browser without JavaScript posted and that must be shown again (its error,
/// or its search results) inside the whole page; htmx gets just the action's form instead.
/// </summary>
public sealed record DealActionState(string Action, FormErrors Errors)
{
    public VehicleFormModel? Vehicle { get; init; }
    public CustomerFormModel? Customer { get; init; }

    public FormErrors? ErrorsFor(string action) => Action == action ? Errors : null;
}
