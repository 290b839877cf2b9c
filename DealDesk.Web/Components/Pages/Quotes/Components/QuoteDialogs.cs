using DealDesk.Data.Customers;
using DealDesk.Web.Components.Shared;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>What converting a quote asks first.</summary>
public static class QuoteDialogs
{
    /// <summary>
    /// Asks whether the quote's customer is one of <paramref name="matches"/>. Returns the chosen customer's id,
    /// <see cref="Guid.Empty"/> for "create a new customer", or null when the salesperson cancelled.
    /// </summary>
    public static async Task<Guid?> AskExistingCustomerAsync(this IDialogService dialogs, string customerName, string? phone,
        IReadOnlyList<CustomerMatch> matches)
    {
        var parameters = new DialogParameters<ExistingCustomerDialog>
        {
            { d => d.CustomerName, customerName },
            { d => d.Phone, phone },
            { d => d.Matches, matches },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<ExistingCustomerDialog>("Existing customer", parameters, options);
        return await dialog.ClosedWithAsync() is Guid id ? id : null;
    }
}
