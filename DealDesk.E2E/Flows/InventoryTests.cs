using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson browses and searches the dealership's vehicles.</summary>
public sealed class InventoryTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private const int PageSize = 15;

    [Fact]
    public Task Searching_narrows_the_list_as_you_type_without_reloading_the_page() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await OpenInventoryAsync(page);
        var rows = page.GetByTestId("vehicle-row");
        await Expect(rows).ToHaveCountAsync(PageSize);
        var allVehicles = await page.GetByTestId("vehicle-count").InnerTextAsync(); // "Showing 1–15 of 40 vehicles"

        // Search for the make of the first vehicle listed ("2025 Chevrolet Equinox LT" → "Chevrolet").
        var make = (await rows.First.Locator("td").Nth(1).InnerTextAsync()).Split(' ')[1];
        await MarkPageAsync(page);
        await page.RunAndWaitForResponseAsync(
            () => page.GetByTestId("vehicle-search").FillAsync(make),
            response => response.Url.Contains("/inventory/rows") && response.Ok);

        await Expect(page.GetByTestId("vehicle-count")).Not.ToHaveTextAsync(allVehicles);
        await Expect(rows.First).ToContainTextAsync(make);
        await Expect(rows.Filter(new() { HasNotText = make })).ToHaveCountAsync(0);
        await ExpectSamePageAsync(page);
    });

    [Fact]
    public Task Page_two_shows_the_next_vehicles_without_reloading_the_page() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await OpenInventoryAsync(page);
        var rows = page.GetByTestId("vehicle-row");
        await Expect(rows).ToHaveCountAsync(PageSize);
        var firstPage = await VehicleIdsAsync(rows);

        await MarkPageAsync(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" })
            .GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();

        await Expect(rows.First).Not.ToHaveAttributeAsync("data-vehicle-id", firstPage[0]);
        await Expect(page.GetByTestId("vehicle-count")).ToContainTextAsync($"Showing {PageSize + 1}–");
        var secondPage = await VehicleIdsAsync(rows);
        Assert.NotEmpty(secondPage);
        Assert.Empty(secondPage.Intersect(firstPage));
        await ExpectSamePageAsync(page);
    });

    private static async Task OpenInventoryAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Inventory", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/inventory$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inventory" })).ToBeVisibleAsync();
    }

    private static async Task<string[]> VehicleIdsAsync(ILocator rows) =>
        await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.vehicleId)");

    /// <summary>Leaves a mark in the page's JavaScript state; a full page load would wipe it.</summary>
    private static Task MarkPageAsync(IPage page) => page.EvaluateAsync("() => { window.__marker = 1; }");

    /// <summary>The mark is still there and the address bar still shows /inventory: htmx swapped the table, the page never reloaded.</summary>
    private static async Task ExpectSamePageAsync(IPage page)
    {
        Assert.Equal(1, await page.EvaluateAsync<int?>("() => window.__marker"));
        Assert.True(IsPath(page.Url, "/inventory"), $"expected to stay on /inventory, but the browser is at {page.Url}");
    }
}
