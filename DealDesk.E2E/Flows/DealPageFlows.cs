using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>
/// What a salesperson does with a deal after creating it: swap its vehicle, change its customer, deliver or
/// cancel it (each asked first), find it again in the list, and see a colleague's change as it happens.
/// Deals are set up through the JSON API so each flow starts on the page it tests.
/// </summary>
public sealed class DealPageFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task Swapping_the_vehicle_and_changing_the_customer_show_on_the_page_and_in_the_history() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicles = await DealSetup.AvailableVehiclesAsync(page, 2);
        var tag = DealSetup.Tag();
        var deal = await DealSetup.CreateDealAsync(page, "Ines", $"Varga-{tag}", vehicles[0]);
        await GoToAsync(page, $"/deals/{deal.Id}");
        await Expect(page.GetByTestId("deal-vehicle")).ToHaveAttributeAsync("data-vehicle-id", vehicles[0].Id);

        // Swap: the page shows the new vehicle, the history says so, and the focus lands on the vehicle panel.
        await page.GetByTestId("vehicle-action-toggle").ClickAsync();
        await ChooseVehicleAsync(page, vehicles[1]);
        await page.GetByTestId("attach-vehicle").ClickAsync();

        await Expect(page.GetByTestId("deal-vehicle")).ToHaveAttributeAsync("data-vehicle-id", vehicles[1].Id);
        await Expect(page.GetByTestId("deal-stock-number")).ToHaveTextAsync(vehicles[1].StockNumber);
        await Expect(AuditEntry(page, "deal.vehicle_swapped"))
            .ToContainTextAsync($"Swapped the vehicle from {vehicles[0].Title} ({vehicles[0].StockNumber}) to {vehicles[1].Title} ({vehicles[1].StockNumber})");
        await Expect(AuditEntry(page, "deal.vehicle_swapped").GetByTestId("audit-user")).ToHaveTextAsync(SalesOne);
        await Expect(page.GetByTestId("vehicle-panel").Locator("h2")).ToBeFocusedAsync();
        Assert.Equal("available", await DealSetup.VehicleStatusAsync(page, vehicles[0]));
        Assert.Equal("pending", await DealSetup.VehicleStatusAsync(page, vehicles[1]));

        // A new customer, typed in.
        await page.GetByTestId("customer-action-toggle").ClickAsync();
        var form = page.GetByTestId("customer-form");
        await form.GetByText("New customer").ClickAsync();
        await form.GetByTestId("customer-first-name").FillAsync("Jonah");
        await form.GetByTestId("customer-last-name").FillAsync($"Brandt-{tag}");
        await form.GetByTestId("customer-phone").FillAsync("(555) 302-2002");
        await form.GetByTestId("change-customer").ClickAsync();

        await Expect(page.GetByTestId("deal-customer")).ToHaveTextAsync($"Jonah Brandt-{tag}");
        await Expect(page.GetByTestId("deal-customer-phone")).ToContainTextAsync("(555) 302-2002");
        await Expect(AuditEntry(page, "deal.customer_changed"))
            .ToContainTextAsync($"Changed the customer from Ines Varga-{tag} to new customer Jonah Brandt-{tag}");
        await Expect(page.GetByTestId("customer-panel").Locator("h2")).ToBeFocusedAsync();

        // Back to the first customer, found by name.
        await page.GetByTestId("customer-action-toggle").ClickAsync();
        await form.GetByTestId("customer-picker").PressSequentiallyAsync($"Varga-{tag}");
        await page.GetByTestId("customer-option").Filter(new() { HasText = $"Ines Varga-{tag}" }).ClickAsync();
        await form.GetByTestId("change-customer").ClickAsync();

        await Expect(page.GetByTestId("deal-customer")).ToHaveTextAsync($"Ines Varga-{tag}");
        await Expect(AuditEntry(page, "deal.customer_changed").Filter(new() { HasText = $"from Jonah Brandt-{tag} to Ines Varga-{tag}" }))
            .ToHaveCountAsync(1);
    });

    [Fact]
    public Task Mark_delivered_asks_first_then_closes_the_deal_and_sells_the_vehicle() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Dana", $"Moreau-{DealSetup.Tag()}", vehicle);
        await GoToAsync(page, $"/deals/{deal.Id}");

        // "Not yet" changes nothing.
        await page.GetByTestId("deliver-deal").ClickAsync();
        var dialog = page.GetByTestId("confirm-dialog");
        await Expect(dialog).ToContainTextAsync("cannot be undone");
        await Expect(dialog).ToContainTextAsync(vehicle.StockNumber);
        await page.GetByTestId("confirm-no").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Draft");
        Assert.Equal("pending", await DealSetup.VehicleStatusAsync(page, vehicle));

        // Confirmed, the deal is delivered for good.
        await page.GetByTestId("deliver-deal").ClickAsync();
        await page.GetByTestId("confirm-yes").ClickAsync();

        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Delivered");
        await Expect(page.GetByTestId("deal-closed")).ToContainTextAsync("delivered");
        await Expect(AuditEntry(page, "deal.delivered")).ToContainTextAsync("Marked the deal delivered");
        await Expect(page.GetByTestId("deal-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("vehicle-action-toggle")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("customer-action-toggle")).ToHaveCountAsync(0);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        Assert.Equal("sold", await DealSetup.VehicleStatusAsync(page, vehicle));
    });

    [Fact]
    public Task Cancelling_asks_first_then_closes_the_deal_and_releases_the_vehicle() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Mira", $"Lindqvist-{DealSetup.Tag()}", vehicle);
        await GoToAsync(page, $"/deals/{deal.Id}");

        await page.GetByTestId("cancel-deal").ClickAsync();
        var dialog = page.GetByTestId("confirm-dialog");
        await Expect(dialog).ToContainTextAsync("goes back to available stock");
        await page.GetByTestId("confirm-no").ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Draft");

        await page.GetByTestId("cancel-deal").ClickAsync();
        await page.GetByTestId("confirm-yes").ClickAsync();

        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("deal-closed")).ToContainTextAsync("cancelled");
        await Expect(AuditEntry(page, "deal.cancelled")).ToContainTextAsync("Cancelled the deal");
        await Expect(page.GetByTestId("deal-actions")).ToHaveCountAsync(0);
        Assert.Equal("available", await DealSetup.VehicleStatusAsync(page, vehicle));
    });

    [Fact]
    public Task A_vehicle_taken_meanwhile_is_reported_at_the_picker_and_another_one_goes_on_the_blank_deal() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicles = await DealSetup.AvailableVehiclesAsync(page, 2);
        var deal = await DealSetup.CreateDealAsync(page, "Omar", $"Haddad-{DealSetup.Tag()}");
        await GoToAsync(page, $"/deals/{deal.Id}");
        await Expect(page.GetByTestId("deal-vehicle")).ToHaveTextAsync("No vehicle yet");
        await Expect(page.GetByTestId("deal-monthly-payment")).ToHaveTextAsync("No payment yet");

        await page.GetByTestId("vehicle-action-toggle").ClickAsync();
        await ChooseVehicleAsync(page, vehicles[0]);
        // Meanwhile another deal takes that vehicle.
        await DealSetup.CreateDealAsync(page, "Rival", $"Buyer-{DealSetup.Tag()}", vehicles[0]);
        await page.GetByTestId("attach-vehicle").ClickAsync();

        var warning = page.GetByTestId("vehicle-form").GetByTestId("vehicle-error");
        await Expect(warning).ToContainTextAsync("no longer available");
        await Expect(warning).ToContainTextAsync(vehicles[0].StockNumber);
        await Expect(page.GetByTestId("deal-vehicle")).ToHaveTextAsync("No vehicle yet");

        await ChooseVehicleAsync(page, vehicles[1]);
        await page.GetByTestId("attach-vehicle").ClickAsync();

        await Expect(page.GetByTestId("deal-vehicle")).ToHaveAttributeAsync("data-vehicle-id", vehicles[1].Id);
        await Expect(page.GetByTestId("deal-monthly-payment")).ToContainTextAsync("$");
        await Expect(AuditEntry(page, "deal.vehicle_attached")).ToContainTextAsync($"Attached the {vehicles[1].Title} ({vehicles[1].StockNumber})");
    });

    [Fact]
    public Task A_deep_link_opens_the_deal_after_a_reload_and_unknown_or_foreign_deals_show_nothing_of_them() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var deal = await DealSetup.CreateDealAsync(page, "Lena", $"Fischer-{DealSetup.Tag()}");

        await GoToAsync(page, $"/deals/{deal.Id}");
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("deal-number")).ToHaveTextAsync(deal.DealNumber);
        await Expect(page.GetByTestId("deal-customer")).ToHaveTextAsync(deal.CustomerName);

        await GoToAsync(page, $"/deals/{Guid.NewGuid()}");
        await Expect(page.GetByTestId("status-page")).ToContainTextAsync("Page not found");
        await Expect(page.GetByTestId("deal-number")).ToHaveCountAsync(0);

        var southern = await WithColleagueAsync(page, "sales1@southside.test",
            south => DealSetup.CreateDealAsync(south, "Southern", $"Secret-{DealSetup.Tag()}"));
        await GoToAsync(page, $"/deals/{southern.Id}");
        await Expect(page.GetByTestId("not-allowed")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("deal-number")).ToHaveCountAsync(0);
        await Expect(page.GetByText(southern.CustomerName)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_deals_list_searches_as_you_type_narrows_to_mine_and_keeps_both_after_a_reload_and_back() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var tag = DealSetup.Tag();
        var mine = await DealSetup.CreateDealAsync(page, "Ada", $"Quill{tag}");
        var theirs = await WithColleagueAsync(page, "sales2@northside.test", sales2 => DealSetup.CreateDealAsync(sales2, "Ben", $"Quill{tag}"));
        await GoToAsync(page, "/deals");
        var links = page.GetByTestId("deal-link");

        // A salesperson's typing speed: slow enough that the list searches (and rewrites the address) between keys.
        await page.GetByTestId("deal-search").PressSequentiallyAsync(tag, new() { Delay = 400 });
        await Expect(links).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("deal-search")).ToHaveValueAsync(tag);
        await Expect(page).ToHaveURLAsync(new Regex($"[?&]q={tag}"));

        await page.GetByTestId("mine-filter").ClickAsync();
        await Expect(links).ToHaveCountAsync(1);
        await Expect(links).ToHaveTextAsync(mine.DealNumber);
        await Expect(page).ToHaveURLAsync(new Regex("[?&]mine=true"));

        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        await Expect(page.GetByTestId("deal-search")).ToHaveValueAsync(tag);
        await Expect(page.GetByTestId("mine-filter")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(links).ToHaveCountAsync(1);

        // Into the deal and back: the list is where it was.
        await links.ClickAsync();
        await Expect(page.GetByTestId("deal-number")).ToHaveTextAsync(mine.DealNumber);
        await page.GoBackAsync();
        await Expect(page.GetByTestId("deal-search")).ToHaveValueAsync(tag);
        await Expect(links).ToHaveCountAsync(1);
        await Expect(links).ToHaveTextAsync(mine.DealNumber);

        // Everyone's again: the colleague's deal is back.
        await page.GetByTestId("mine-filter").ClickAsync();
        await Expect(links).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("deal-grid")).ToContainTextAsync(theirs.CustomerName);
    });

    [Fact]
    public Task A_colleague_cancelling_the_deal_shows_on_an_open_deal_page_without_a_reload() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var deal = await DealSetup.CreateDealAsync(page, "Pia", $"Sorensen-{DealSetup.Tag()}");
        await GoToAsync(page, $"/deals/{deal.Id}");
        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Draft");
        await page.EvaluateAsync("() => window.dealPageMarker = 'still here'"); // gone if the page reloads

        await WithColleagueAsync(page, "sales2@northside.test", async colleague =>
        {
            await GoToAsync(colleague, $"/deals/{deal.Id}");
            await colleague.GetByTestId("cancel-deal").ClickAsync();
            await colleague.GetByTestId("confirm-yes").ClickAsync();
            await Expect(colleague.GetByTestId("deal-state")).ToHaveTextAsync("Cancelled");
            return 0;
        });

        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync("Cancelled");
        await Expect(page.GetByTestId("deal-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByText(new Regex("Updated by .+ just now"))).ToBeVisibleAsync();
        await Expect(AuditEntry(page, "deal.cancelled")).ToHaveCountAsync(1);
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.dealPageMarker"));
    });

    [Fact]
    public Task On_a_phone_the_list_and_the_deal_page_fit_the_screen_with_the_deal_link_and_actions_in_view() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Tao", $"Nguyen-{DealSetup.Tag()}", vehicle);
        await page.SetViewportSizeAsync(390, 844);

        await GoToAsync(page, $"/deals?q={Uri.EscapeDataString(deal.CustomerName)}");
        var link = page.GetByTestId("deal-link");
        await Expect(link).ToHaveTextAsync(deal.DealNumber);
        await Expect(link).ToBeInViewportAsync();
        await ExpectNoSidewaysScrollAsync(page);

        await link.ClickAsync();
        await Expect(page.GetByTestId("deal-number")).ToHaveTextAsync(deal.DealNumber);
        await Expect(page.GetByTestId("deliver-deal")).ToBeInViewportAsync();
        await Expect(page.GetByTestId("cancel-deal")).ToBeInViewportAsync();
        await ExpectNoSidewaysScrollAsync(page);
    });

    /// <summary>sales1@northside.test's display name in the demo data.</summary>
    private const string SalesOne = "Noah Bennett";

    private static ILocator AuditEntry(IPage page, string action) => page.Locator($"[data-testid=audit-entry][data-action='{action}']");

    /// <summary>The page is no wider than the screen: wide tables scroll inside themselves.</summary>
    private static async Task ExpectNoSidewaysScrollAsync(IPage page)
    {
        var (width, screen) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(width <= screen, $"The page is {width} px wide on a {screen} px screen.");
    }

    /// <summary>Types the stock number into the open vehicle picker and picks that vehicle from its list.</summary>
    private static async Task ChooseVehicleAsync(IPage page, ApiVehicle vehicle)
    {
        var picker = page.GetByTestId("vehicle-picker");
        await picker.FillAsync("");
        await picker.PressSequentiallyAsync(vehicle.StockNumber);
        var option = page.Locator($"[data-testid=vehicle-option][data-vehicle-id='{vehicle.Id}']");
        await option.ClickAsync();
        await Expect(picker).ToHaveValueAsync(new Regex(Regex.Escape(vehicle.StockNumber)));
    }

    /// <summary>A colleague at another desk: a separate browser context (its own cookies), signed in as <paramref name="email"/>.</summary>
    private async Task<T> WithColleagueAsync<T>(IPage page, string email, Func<IPage, Task<T>> act)
    {
        var context = await page.Context.Browser!.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        try
        {
            var colleague = await context.NewPageAsync();
            await SignInAsAsync(colleague, email);
            return await act(colleague);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
