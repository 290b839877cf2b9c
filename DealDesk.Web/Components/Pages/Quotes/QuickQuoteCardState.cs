using DealDesk.Data.Inventory;
using DealDesk.Data.QuickQuotes;
using DealDesk.Web.Components.Pages.Deals;

namespace DealDesk.Web.Components.Pages.Quotes;

/// <summary>
/// What the "Quick quote" card shows: the form's input (with its errors), the vehicles to pick from, and,
/// once quoted, the saved quote with its payment and any refusal of converting it.
/// </summary>
public sealed record QuickQuoteCardState(QuickQuoteFormModel Model, VehicleChoices Vehicles)
{
    public QuickQuoteSummary? Quote { get; init; }
    public QuoteError? Error { get; init; }

    /// <summary>
    /// The card for this input: loads the vehicle choices for the picker's search, with the chosen vehicle pinned.
    /// A chosen vehicle that is no longer available (taken, sold, not this dealership's) is unselected and, unless
    /// <paramref name="flagUnavailable"/> is false, flagged in the picker.
    /// </summary>
    public static async Task<QuickQuoteCardState> LoadAsync(QuickQuoteFormModel model, InventoryService inventory,
        bool flagUnavailable = true, CancellationToken ct = default)
    {
        var vehicles = await DealFormData.VehiclesForAsync(model, inventory,
            flagUnavailable ? "That vehicle is no longer available. Pick another one, or quote a price without a vehicle." : null, ct);
        return new QuickQuoteCardState(model, vehicles);
    }
}

/// <summary>Why converting the quote was refused; <see cref="DealId"/> is the deal it already became, if so.</summary>
public sealed record QuoteError(string Message, Guid? DealId = null);
