using DealDesk.Data.Inventory;
using DealDesk.Web.Components.Shared;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Inventory.Components;

public static class VehicleDialogs
{
    /// <summary>Add (vehicle null) or edit a vehicle; the saved record, or null when cancelled.</summary>
    public static async Task<VehicleRecord?> ShowVehicleFormAsync(this IDialogService dialogs, VehicleRecord? vehicle = null, string? lockedByDeal = null)
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await dialogs.ShowAsync<VehicleDialog>(vehicle is null ? "Add a vehicle" : "Edit vehicle",
            new DialogParameters<VehicleDialog> { { d => d.Vehicle, vehicle }, { d => d.LockedByDeal, lockedByDeal } }, options);
        return await dialog.ClosedWithAsync() is VehicleRecord saved ? saved : null;
    }

    /// <summary>The CSV import; the import's counts, or null when closed without importing.</summary>
    public static async Task<VehicleImportResult?> ShowImportAsync(this IDialogService dialogs)
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false };
        var dialog = await dialogs.ShowAsync<ImportDialog>("Import vehicles", options);
        return await dialog.ClosedWithAsync() is VehicleImportResult counts ? counts : null;
    }
}
