using DealDesk.Data.Errors;
using DealDesk.Web.Components.Shared;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>Why converting a quote was refused, shown next to the button that tried; a quote converted before links its deal.</summary>
public sealed record ConvertFailure(Guid QuoteId, ShownError Error)
{
    public Guid? ExistingDealId => Error.Code == ErrorCodes.QuoteAlreadyConverted ? Error.Error.Details?.GetValueOrDefault("dealId") as Guid? : null;
}
