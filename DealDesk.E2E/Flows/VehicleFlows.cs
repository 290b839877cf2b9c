using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using DealDesk.Tests.Inventory.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>Vehicle records: a manager imports inventory from a CSV; a salesperson opens a vehicle's page and starts a deal there.</summary>
public sealed class VehicleFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly Regex VehiclePageUrl = new("/inventory/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    [Fact]
    public Task A_manager_imports_200_vehicles_where_one_bad_row_imports_nothing_until_it_is_fixed() => RunAsync(async page =>
    {
        // Southside's lot, so that Northside's inventory stays as the other flows expect it.
        await SignInAsAsync(page, "manager@southside.test");
        var make = "Imp" + Random.Shared.Next(10_000, 99_999);
        var rows = VehicleKit.Inputs(200);
        rows.ForEach(r => r.Make = make);
        var goodVin = rows[136].Vin!;
        rows[136].Vin = goodVin[..8] + (goodVin[8] == '7' ? '8' : '7') + goodVin[9..]; // one mistyped check digit, on line 138
        var file = Path.Combine(Path.GetTempPath(), $"inventory-{make}.csv");
        await File.WriteAllBytesAsync(file, VehicleKit.Csv(rows));
        await GoToAsync(page, "/inventory");

        await page.GetByTestId("inventory-import").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("import-submit") });
        await dialog.Locator("input[type=file]").Last.SetInputFilesAsync(file); // MudFileUpload keeps a fresh input for the next choice: the last one is live
        await dialog.GetByTestId("import-submit").ClickAsync();

        var errors = dialog.GetByTestId("import-error-row");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.First).ToHaveAttributeAsync("data-row", "138");
        await Expect(errors.First).ToContainTextAsync("vin");
        await Expect(dialog.GetByTestId("error-message")).ToContainTextAsync("Row 138");
        Assert.Equal(0, await CountAsync(page, make)); // nothing imported

        rows[136].Vin = goodVin;
        await File.WriteAllBytesAsync(file, VehicleKit.Csv(rows));
        await dialog.Locator("input[type=file]").Last.SetInputFilesAsync(file); // MudFileUpload keeps a fresh input for the next choice: the last one is live
        await Expect(dialog.GetByTestId("import-errors")).ToHaveCountAsync(0); // a new file clears the old answer
        await dialog.GetByTestId("import-submit").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("200 added, 0 updated, 0 unchanged");
        Assert.Equal(200, await CountAsync(page, make));
        await page.GetByTestId("make-filter").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = make }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"make={make}"));
        await Expect(page.Locator(".mud-table-pagination-caption").First).ToContainTextAsync("of 200");
        File.Delete(file);
    });

    [Fact]
    public Task A_salesperson_opens_a_vehicle_from_the_inventory_and_starts_a_deal_on_it() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        var stock = (await AvailableStockNumbersAsync(page, 3))[2];
        await GoToAsync(page, $"/inventory?q={Uri.EscapeDataString(stock)}");
        var row = page.Locator("tr.dd-vehicle-row").Filter(new() { Has = page.GetByTestId("vehicle-stock").GetByText(stock, new() { Exact = true }) });
        var title = await row.GetByTestId("vehicle-title").InnerTextAsync();

        await row.GetByTestId("vehicle-title").ClickAsync();

        await Expect(page).ToHaveURLAsync(VehiclePageUrl);
        await Expect(page.GetByTestId("vehicle-heading")).ToContainTextAsync(title.Split(' ')[1]); // the model
        await Expect(page.GetByTestId("vehicle-page-stock")).ToHaveTextAsync(stock);
        await Expect(page.GetByTestId("vehicle-page-status")).ToHaveAttributeAsync("data-status", "available");
        await Expect(page.GetByTestId("vehicle-cost")).ToHaveCountAsync(0); // managers only
        await Expect(page.GetByTestId("vehicle-edit")).ToHaveCountAsync(0);
        var vehicleUrl = page.Url;

        await page.GetByTestId("vehicle-start-deal").ClickAsync();
        var dialog = await ExpectDialogOpenAsync(page);
        await Expect(dialog.Locator("#vehicle-search")).ToHaveValueAsync(new Regex($"· {Regex.Escape(stock)}$")); // preselected
        var customer = NewCustomer.Unique("Vera", "Lindqvist");
        await EnterNewCustomerAsync(dialog, customer);
        await SubmitAndExpectDealPageAsync(page);
        var dealNumber = (await page.GetByTestId("deal-number").InnerTextAsync()).Trim();

        await GoToAsync(page, new Uri(vehicleUrl).AbsolutePath);
        await Expect(page.GetByTestId("vehicle-page-status")).ToHaveAttributeAsync("data-status", "pending");
        await Expect(page.GetByTestId("vehicle-deal-link")).ToHaveTextAsync(dealNumber);
        await Expect(page.GetByTestId("vehicle-start-deal")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("vehicle-history-entry").Filter(new() { HasText = dealNumber })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("vehicle-history-entry").Filter(new() { HasText = "from available to pending" })).ToHaveCountAsync(1);

        // Opened on a phone (as the other phone checks do): resizing a live page measures the drawer's closing
        // transition, not the page's layout.
        await page.SetViewportSizeAsync(390, 844);
        await GoToAsync(page, new Uri(vehicleUrl).AbsolutePath);
        await Expect(page.GetByTestId("vehicle-deal-link")).ToHaveTextAsync(dealNumber);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The vehicle page scrolls sideways on a 390 px phone.");
    });

    private static async Task<int> CountAsync(IPage page, string make)
    {
        var response = await page.APIRequest.GetAsync($"/api/vehicles?make={make}&pageSize=1");
        Assert.True(response.Ok, $"GET /api/vehicles answered {response.Status}");
        return (await response.JsonAsync())!.Value.GetProperty("data").GetProperty("total").GetInt32();
    }
}
