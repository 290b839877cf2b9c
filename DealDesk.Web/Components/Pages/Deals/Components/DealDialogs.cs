using MudBlazor;

namespace DealDesk.Web.Components.Pages.Deals.Components;

public static class DealDialogs
{
    /// <summary>Opens the deal-creation dialog; the new deal's id, or null when the dialog was cancelled.</summary>
    public static async Task<Guid?> ShowNewDealAsync(this IDialogService dialogs, Guid? vehicleId = null)
    {
        var parameters = new DialogParameters<DealDialog> { { d => d.VehicleId, vehicleId } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<DealDialog>("New deal", parameters, options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: Guid id } ? id : null;
    }
}
