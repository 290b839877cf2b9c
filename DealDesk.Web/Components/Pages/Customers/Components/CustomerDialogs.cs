using DealDesk.Data.Customers;
using DealDesk.Web.Components.Shared;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Customers.Components;

public static class CustomerDialogs
{
    /// <summary>Adds (<paramref name="existing"/> null) or edits a customer; the saved record, or null when cancelled.</summary>
    public static async Task<CustomerRecord?> EditAsync(IDialogService dialogs, CustomerRecord? existing)
    {
        var parameters = new DialogParameters<CustomerDialog> { { d => d.Existing, existing } };
        var dialog = await dialogs.ShowAsync<CustomerDialog>(existing is null ? "Add customer" : "Edit customer", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        return await dialog.ClosedWithAsync() is CustomerRecord saved ? saved : null;
    }

    /// <summary>Merges another customer into <paramref name="keep"/> (managers); the kept record, or null when cancelled.</summary>
    public static async Task<CustomerRecord?> MergeAsync(IDialogService dialogs, CustomerRecord keep)
    {
        var parameters = new DialogParameters<MergeCustomerDialog> { { d => d.Keep, keep } };
        var dialog = await dialogs.ShowAsync<MergeCustomerDialog>("Merge customers", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        return await dialog.ClosedWithAsync() is CustomerRecord kept ? kept : null;
    }
}
