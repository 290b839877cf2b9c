using DealDesk.Data.Customers;
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
        var result = await dialog.Result;
        return result is { Canceled: false, Data: Guid id } ? id : null;
    }
}
