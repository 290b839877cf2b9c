using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A customer typed into the "New customer" fields; the names carry a random tag so no other test has them.</summary>
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

/// <summary>
/// Steps the deal flows share: the "New deal" dialog, the vehicle picker (in the dialog and on the deal page),
/// the deal page, and where a vehicle stands in Inventory.
/// </summary>
internal static class DealDialogSteps
{
    /// <summary>/deals/{guid}: where a created deal opens.</summary>
    public static readonly Regex DealPageUrl = new("/deals/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    public static ILocator Dialog(IPage page) => page.GetByTestId("deal-dialog");

    /// <summary>Clicks "New deal" on the Deals page and waits until the dialog is open.</summary>
    public static async Task<ILocator> OpenNewDealDialogAsync(IPage page)
    {
        await page.GetByTestId("new-deal").ClickAsync();
        return await ExpectDialogOpenAsync(page);
    }

    public static async Task<ILocator> ExpectDialogOpenAsync(IPage page)
    {
        var dialog = Dialog(page);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToHaveAttributeAsync("open", "");
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "New deal" })).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Switches on "New customer" and types the customer's details.</summary>
    public static async Task EnterNewCustomerAsync(ILocator dialog, NewCustomer customer)
    {
        await dialog.GetByTestId("new-customer-toggle").CheckAsync();
        await dialog.Locator("#firstName").FillAsync(customer.FirstName);
        await dialog.Locator("#lastName").FillAsync(customer.LastName);
        await dialog.Locator("#email").FillAsync(customer.Email);
        await dialog.Locator("#phone").FillAsync(customer.Phone);
    }

    /// <summary>The customer fields still hold exactly what was typed (nothing was lost by a re-render).</summary>
    public static async Task ExpectNewCustomerStillEnteredAsync(ILocator dialog, NewCustomer customer)
    {
        await Expect(dialog.GetByTestId("new-customer-toggle")).ToBeCheckedAsync();
        await Expect(dialog.Locator("#firstName")).ToHaveValueAsync(customer.FirstName);
        await Expect(dialog.Locator("#lastName")).ToHaveValueAsync(customer.LastName);
        await Expect(dialog.Locator("#email")).ToHaveValueAsync(customer.Email);
        await Expect(dialog.Locator("#phone")).ToHaveValueAsync(customer.Phone);
    }

    /// <summary>
    /// Searches the vehicle picker (dialog or deal page) for one stock number and selects that vehicle.
    /// Returns the vehicle as the picker shows it.
    /// </summary>
    public static async Task<PickedVehicle> ChooseVehicleAsync(ILocator picker, string stockNumber)
    {
        await picker.GetByTestId("vehicle-picker-search").FillAsync(stockNumber);
        var options = picker.GetByTestId("vehicle-option");
        var option = options.Filter(new() { HasText = $"Stock {stockNumber}" });
        await Expect(options).ToHaveCountAsync(1); // the search answered: only that vehicle is listed
        await Expect(option).ToHaveCountAsync(1);
        var radio = option.GetByRole(AriaRole.Radio);
        await radio.CheckAsync();
        await Expect(radio).ToBeCheckedAsync();
        return new PickedVehicle(
            Id: await option.GetAttributeAsync("data-vehicle-id") ?? throw new InvalidOperationException("vehicle-option has no data-vehicle-id"),
            StockNumber: stockNumber,
            Title: (await option.InnerTextAsync()).Split('\n')[0].Trim()); // first line: "2025 Honda Civic EX"
    }

    /// <summary>Presses "Create deal" and waits for the deal page it leads to.</summary>
    public static async Task SubmitAndExpectDealPageAsync(IPage page)
    {
        await Dialog(page).GetByTestId("create-deal").ClickAsync();
        await page.WaitForURLAsync(DealPageUrl); // and its load event: the deal page's own forms are ready
        await Expect(page.GetByTestId("deal-number")).ToBeVisibleAsync();
    }

    /// <summary>The deal page's header and summary for a new open deal.</summary>
    public static async Task ExpectDraftDealAsync(IPage page, string customerName, PickedVehicle? vehicle)
    {
        await Expect(page).ToHaveURLAsync(DealPageUrl);
        await Expect(page.GetByTestId("deal-number")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{4}-\d{4}$"));
        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync(new Regex("^Draft$", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("deal-customer")).ToHaveTextAsync(customerName);
        if (vehicle is null)
        {
            await Expect(page.GetByTestId("deal-vehicle")).ToHaveTextAsync("No vehicle yet");
        }
        else
        {
            await Expect(page.GetByTestId("deal-vehicle")).ToHaveAttributeAsync("data-vehicle-id", vehicle.Id);
            await Expect(page.GetByTestId("deal-vehicle")).ToHaveTextAsync(vehicle.Title);
        }
        await Expect(page.GetByTestId("active-scenario")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("active-scenario")).ToContainTextAsync("Active");
    }

    /// <summary>The history line for one audit action (e.g. "deal.created").</summary>
    public static ILocator AuditEntry(IPage page, string action) =>
        page.Locator($"[data-testid=audit-entry][data-action='{action}']");

    /// <summary>
    /// Stock numbers of the first <paramref name="count"/> vehicles Inventory lists as available. Tests run one
    /// after another, so a vehicle read here stays available until this test itself takes it.
    /// </summary>
    public static async Task<string[]> AvailableStockNumbersAsync(IPage page, int count)
    {
        await page.GotoAsync("/inventory?status=available");
        var rows = page.GetByTestId("vehicle-row");
        await Expect(rows.Nth(count - 1)).ToBeVisibleAsync();
        var stockNumbers = new string[count];
        for (var i = 0; i < count; i++)
        {
            await Expect(rows.Nth(i).GetByTestId("vehicle-status")).ToHaveTextAsync("available");
            stockNumbers[i] = (await rows.Nth(i).Locator("td").First.InnerTextAsync()).Trim();
        }
        return stockNumbers;
    }

    /// <summary>Opens Inventory, types the stock number into its search and returns that vehicle's row.</summary>
    public static async Task<ILocator> FindInInventoryAsync(IPage page, string stockNumber)
    {
        await page.GotoAsync("/inventory"); // waits for the load event: htmx is listening before we type
        await page.GetByTestId("vehicle-search").FillAsync(stockNumber);
        var rows = page.GetByTestId("vehicle-row");
        await Expect(rows).ToHaveCountAsync(1);
        var row = rows.Filter(new() { HasText = stockNumber });
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    /// <summary>GET /api/deals (the JSON API, with the page's sign-in cookie): how many deals match the search.</summary>
    public static async Task<(int Total, JsonElement Items)> SearchDealsApiAsync(IPage page, string? query = null)
    {
        var response = await page.APIRequest.GetAsync("/api/deals" + (query is null ? "" : "?q=" + Uri.EscapeDataString(query)));
        Assert.True(response.Ok, $"GET /api/deals answered {response.Status}");
        var data = (await response.JsonAsync())!.Value.GetProperty("data");
        return (data.GetProperty("total").GetInt32(), data.GetProperty("items"));
    }
}

/// <summary>A vehicle as the picker listed it.</summary>
public sealed record PickedVehicle(string Id, string StockNumber, string Title);
