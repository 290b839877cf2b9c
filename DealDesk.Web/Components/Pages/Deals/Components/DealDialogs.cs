using DealDesk.Web.Components.Shared;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Deals.Components;

public static class DealDialogs
{
    /// <summary>Opens the deal-creation dialog; the new deal's id, or null when the dialog was cancelled.</summary>
    public static Task<Guid?> ShowNewDealAsync(this IDialogService dialogs, Guid? vehicleId = null) =>
        ShowAsync(dialogs, new DialogParameters<DealDialog> { { d => d.VehicleId, vehicleId } });

    /// <summary>Opens the dialog prefilled from a lead; on success the lead is converted in the deal's transaction.</summary>
    public static Task<Guid?> ShowNewDealFromLeadAsync(this IDialogService dialogs, LeadPrefill lead) =>
        ShowAsync(dialogs, new DialogParameters<DealDialog> { { d => d.Lead, lead } });

    /// <summary>Reopens the dialog with a draft that outlived its circuit (see <see cref="DealDraftResume"/>).</summary>
    internal static Task<Guid?> ContinueNewDealAsync(this IDialogService dialogs, DealDraft draft, Guid? vehicleId) =>
        ShowAsync(dialogs, new DialogParameters<DealDialog> { { d => d.VehicleId, vehicleId }, { d => d.Draft, draft } });

    private static async Task<Guid?> ShowAsync(IDialogService dialogs, DialogParameters<DealDialog> parameters)
    {
        // On a phone the dialog fills the screen (app.css, "Deal dialog"): MudBlazor's FullScreen would need the width before opening.
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = false, CloseOnEscapeKey = true, BackdropClick = false,
            // None: the dialog focuses its customer search itself once loaded. The trap's FirstChild focus raced that and, opened
            // with Enter, left the focus on the trap's bumper div in 2 of 8 openings (focusin log in Chromium); with None, 8 of 8.
            DefaultFocus = DefaultFocus.None };
        var dialog = await dialogs.ShowAsync<DealDialog>("New deal", parameters, options);
        return await dialog.ClosedWithAsync() is Guid id ? id : null;
    }
}
