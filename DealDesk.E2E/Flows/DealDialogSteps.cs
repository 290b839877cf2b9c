using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A customer typed into the "New customer" fields; the last name carries a random tag so no other test has it.</summary>
public sealed record NewCustomer(string FirstName, string LastName, string Email, string Phone)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>e.g. ("Rosa", "Okafor") → Rosa Okafor-qhxtb, rosa.okafor-qhxtb@example.com.</summary>
    public static NewCustomer Unique(string firstName, string lastName, string phone = "(555) 201-3344")
    {
        var tag = string.Concat(Guid.NewGuid().ToByteArray().Take(5).Select(b => (char)('a' + b % 26)));
        var last = $"{lastName}-{tag}";
        return new NewCustomer(firstName, last, $"{firstName}.{last}@example.com".ToLowerInvariant(), phone);
    }
}

/// <summary>Steps of the "New deal" dialog that the flows share. The dialog opens from /deals (data-testid="new-deal").</summary>
internal static class DealDialogSteps
{
    /// <summary>/deals/{guid}: where a created deal opens.</summary>
    public static readonly Regex DealPageUrl = new("/deals/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /// <summary>The open "New deal" dialog (MudBlazor's role="dialog" element around the deal form).</summary>
    public static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("deal-form") });

    /// <summary>Clicks "New deal" on /deals and waits until the dialog is open.</summary>
    public static async Task<ILocator> OpenNewDealDialogAsync(IPage page)
    {
        await page.GetByTestId("new-deal").ClickAsync();
        return await ExpectDialogOpenAsync(page);
    }

    public static async Task<ILocator> ExpectDialogOpenAsync(IPage page)
    {
        var dialog = Dialog(page);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("#deal-dialog-title")).ToHaveTextAsync("New deal");
        return dialog;
    }

    /// <summary>Switches on "New customer" and types the customer's details.</summary>
    public static async Task EnterNewCustomerAsync(ILocator dialog, NewCustomer customer)
    {
        await dialog.GetByLabel("New customer").CheckAsync();
        await dialog.Locator("#firstName").FillAsync(customer.FirstName);
        await dialog.Locator("#lastName").FillAsync(customer.LastName);
        await dialog.Locator("#email").FillAsync(customer.Email);
        await dialog.Locator("#phone").FillAsync(customer.Phone);
    }

    /// <summary>The customer fields still hold exactly what was typed.</summary>
    public static async Task ExpectNewCustomerStillEnteredAsync(ILocator dialog, NewCustomer customer)
    {
        await Expect(dialog.GetByLabel("New customer")).ToBeCheckedAsync();
        await Expect(dialog.Locator("#firstName")).ToHaveValueAsync(customer.FirstName);
        await Expect(dialog.Locator("#lastName")).ToHaveValueAsync(customer.LastName);
        await Expect(dialog.Locator("#email")).ToHaveValueAsync(customer.Email);
        await Expect(dialog.Locator("#phone")).ToHaveValueAsync(customer.Phone);
    }

    /// <summary>Types a stock number into the vehicle picker and picks that vehicle from its list.</summary>
    public static async Task ChooseVehicleAsync(IPage page, string stockNumber)
    {
        var search = Dialog(page).Locator("#vehicle-search");
        await search.FillAsync(stockNumber);
        var option = VehicleOptions(page).Filter(new() { HasText = $"Stock {stockNumber}" });
        await Expect(VehicleOptions(page)).ToHaveCountAsync(1); // the search answered: only that vehicle is listed
        await option.ClickAsync();
        await Expect(search).ToHaveValueAsync(new Regex($"{Regex.Escape(stockNumber)}$"));
    }

    /// <summary>The vehicle picker's open list (it is rendered in the popover layer, outside the dialog).</summary>
    public static ILocator VehicleOptions(IPage page) => page.Locator(".mud-popover-open [data-testid=vehicle-option]");

    /// <summary>Presses "Create deal" and waits for the deal page and the success message.</summary>
    public static async Task SubmitAndExpectDealPageAsync(IPage page)
    {
        await Dialog(page).GetByTestId("create-deal").ClickAsync();
        await ExpectCreatedAsync(page);
    }

    public static readonly Regex CreatedMessage = new(@"Deal \d{4}-\d{4}-\d{4} created");

    public static async Task ExpectCreatedAsync(IPage page)
    {
        await page.WaitForURLAsync(DealPageUrl);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(CreatedMessage);
        await Expect(Dialog(page)).ToHaveCountAsync(0);
    }

    /// <summary>Stock numbers of <paramref name="count"/> available vehicles (GET /api/vehicles with the page's cookie), from the end of the list so other flows' picks rarely collide.</summary>
    public static async Task<string[]> AvailableStockNumbersAsync(IPage page, int count)
    {
        var response = await page.APIRequest.GetAsync("/api/vehicles?status=available");
        Assert.True(response.Ok, $"GET /api/vehicles answered {response.Status}");
        var items = (await response.JsonAsync())!.Value.GetProperty("data").GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("stockNumber").GetString()!).ToArray();
        Assert.True(items.Length >= count, $"only {items.Length} available vehicles left");
        return items.Reverse().Take(count).ToArray();
    }

    /// <summary>GET /api/deals?q=...: the deals that match (customer name, number, stock...).</summary>
    public static async Task<(int Total, JsonElement Items)> SearchDealsApiAsync(IPage page, string query)
    {
        var response = await page.APIRequest.GetAsync("/api/deals?q=" + Uri.EscapeDataString(query));
        Assert.True(response.Ok, $"GET /api/deals answered {response.Status}");
        var data = (await response.JsonAsync())!.Value.GetProperty("data");
        return (data.GetProperty("total").GetInt32(), data.GetProperty("items"));
    }

    /// <summary>The element that has the keyboard focus, described by its id or test id (never "BODY" after an action).</summary>
    public static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; return e?.id || e?.closest('[data-testid]')?.getAttribute('data-testid') || e?.tagName || ''; }");
}
