using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson finds a vehicle on the inventory page and starts a deal on it.</summary>
public sealed class InventoryFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int PageSize = 15;

    [Fact]
    public Task Searching_as_you_type_narrows_the_rows_and_a_reload_shows_the_same_search_and_rows() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await OpenInventoryAsync(page);
        await Expect(Rows(page)).ToHaveCountAsync(PageSize);
        var everything = await Caption(page).InnerTextAsync(); // "1-15 of 40"

        // The make of the first vehicle listed ("Chevrolet Equinox LT" → "Chevrolet").
        var make = (await Rows(page).First.GetByTestId("vehicle-title").InnerTextAsync()).Split(' ')[0];
        await page.Locator("#inventory-search").PressSequentiallyAsync(make);

        await Expect(page).ToHaveURLAsync(new Regex($"/inventory\\?q={make}$"));
        await Expect(Caption(page)).Not.ToHaveTextAsync(everything);
        await Expect(Rows(page).Filter(new() { HasNotText = make })).ToHaveCountAsync(0);
        var found = await StockNumbersAsync(page);
        Assert.NotEmpty(found);

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);

        await Expect(page.Locator("#inventory-search")).ToHaveValueAsync(make);
        await Expect(Rows(page)).ToHaveCountAsync(found.Length);
        Assert.Equal(found, await StockNumbersAsync(page));
    });

    [Fact]
    public Task The_status_filter_and_the_price_sort_ask_the_server_and_stay_in_the_address() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        await OpenInventoryAsync(page);

        await page.GetByTestId("status-filter-available").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/inventory\\?status=available$"));
        await Expect(page.GetByTestId("vehicle-status").Filter(new() { HasNotText = "Available" })).ToHaveCountAsync(0);
        await Expect(Rows(page).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Price" }).Locator(".sortable-column-header, .column-header").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/inventory\\?status=available&sort=price$"));
        await Expect(page.Locator("[data-testid=vehicle-grid] .mud-table-loading")).ToHaveCountAsync(0);
        var prices = await PricesAsync(page);
        Assert.NotEmpty(prices);
        Assert.Equal(prices.Order(), prices);

        await page.GetByTestId("status-filter-all").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inventory\\?sort=price$"));
    });

    [Fact]
    public Task The_next_page_shows_the_next_vehicles_and_the_address_keeps_the_page() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await OpenInventoryAsync(page);
        await Expect(Rows(page)).ToHaveCountAsync(PageSize);
        var first = await StockNumbersAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/inventory\\?page=2$"));
        await Expect(Caption(page)).ToContainTextAsync($"{PageSize + 1}-");
        await Expect(Rows(page).First.GetByTestId("vehicle-stock")).Not.ToHaveTextAsync(first[0]);
        Assert.Empty((await StockNumbersAsync(page)).Intersect(first));
    });

    [Fact]
    public Task Start_deal_on_a_row_opens_the_dialog_with_that_vehicle_and_the_new_deal_puts_the_row_on_hold() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        var row = await FindInInventoryAsync(page, stock);

        await row.GetByTestId("start-deal").ClickAsync();

        var dialog = await ExpectDialogOpenAsync(page);
        await Expect(dialog.Locator("#vehicle-search")).ToHaveValueAsync(new Regex($"· {Regex.Escape(stock)}$")); // preselected
        await EnterNewCustomerAsync(dialog, NewCustomer.Unique("Ines", "Carvalho"));
        await SubmitAndExpectDealPageAsync(page); // the new deal's page

        row = await FindInInventoryAsync(page, stock);
        await Expect(row.GetByTestId("vehicle-status")).ToHaveAttributeAsync("data-status", "pending");
        await Expect(row.GetByTestId("start-deal")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Cancelling_the_deal_dialog_stays_on_the_list_with_the_row_still_available() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        await GoToAsync(page, "/inventory?status=available");
        var row = Rows(page).First;

        await row.GetByTestId("start-deal").ClickAsync();
        var dialog = await ExpectDialogOpenAsync(page);
        await dialog.GetByTestId("cancel-deal").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/inventory\\?status=available$"));
        await Expect(row.GetByTestId("start-deal")).ToBeEnabledAsync();
    });

    [Fact]
    public Task A_deal_made_in_another_browser_turns_the_row_pending_here_without_a_reload() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        var stock = (await AvailableStockNumbersAsync(page, 2))[1];
        var row = await FindInInventoryAsync(page, stock);
        await Expect(row.GetByTestId("start-deal")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__marker = 1; }"); // a reload would wipe it

        var context = await page.Context.Browser!.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        try
        {
            var colleague = await context.NewPageAsync();
            await SignInAsAsync(colleague, "sales1@northside.test");
            await (await FindInInventoryAsync(colleague, stock)).GetByTestId("start-deal").ClickAsync();
            await EnterNewCustomerAsync(await ExpectDialogOpenAsync(colleague), NewCustomer.Unique("Oskar", "Lind"));
            await SubmitAndExpectDealPageAsync(colleague);
        }
        finally
        {
            await context.CloseAsync();
        }

        await Expect(row.GetByTestId("vehicle-status")).ToHaveAttributeAsync("data-status", "pending");
        await Expect(row.GetByTestId("start-deal")).ToHaveCountAsync(0);
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__marker"));
    });

    [Fact]
    public Task On_a_phone_the_rows_are_cards_the_page_never_scrolls_sideways_and_start_deal_is_on_screen() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsAsync(page, "sales2@northside.test");
        await GoToAsync(page, "/inventory?status=available");
        var button = Rows(page).First.GetByTestId("start-deal");

        await Expect(button).ToBeInViewportAsync();

        var box = await button.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"Start deal sits at x={box.X}..{box.X + box.Width}, outside the 390 px screen.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The page scrolls sideways on a 390 px phone.");
    });

    private static ILocator Rows(IPage page) => page.Locator("tr.dd-vehicle-row");

    /// <summary>Opens /inventory searching one stock number and returns its row (the only one).</summary>
    private static async Task<ILocator> FindInInventoryAsync(IPage page, string stockNumber)
    {
        await GoToAsync(page, $"/inventory?q={Uri.EscapeDataString(stockNumber)}");
        await Expect(Rows(page)).ToHaveCountAsync(1);
        var row = Rows(page).Filter(new() { Has = page.GetByTestId("vehicle-stock").GetByText(stockNumber, new() { Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        return row;
    }

    private static ILocator Caption(IPage page) => page.Locator(".mud-table-pagination-caption").First;

    private static async Task OpenInventoryAsync(IPage page)
    {
        await page.GetByTestId("nav-inventory").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inventory$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inventory" })).ToBeVisibleAsync();
    }

    private static async Task<string[]> StockNumbersAsync(IPage page) =>
        [.. (await page.GetByTestId("vehicle-stock").AllInnerTextsAsync()).Select(s => s.Trim())];

    private static async Task<decimal[]> PricesAsync(IPage page) =>
        [.. (await page.GetByTestId("vehicle-price").AllInnerTextsAsync()).Select(p => decimal.Parse(p.Trim().TrimStart('$').Replace(",", ""),
            System.Globalization.CultureInfo.InvariantCulture))];
}
