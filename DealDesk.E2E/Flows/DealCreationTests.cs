using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson creates deals through the "New deal" dialog.</summary>
public sealed class DealCreationTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_deal_for_a_new_customer_opens_its_deal_page_and_puts_the_vehicle_on_hold() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var salesperson = (await page.GetByTestId("user-menu").InnerTextAsync()).Trim();
        var stockNumber = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Rosa", "Okafor", phone: "(555) 201-3344");

        await page.GotoAsync("/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await Expect(dialog.GetByTestId("no-vehicle").GetByRole(AriaRole.Radio)).ToBeCheckedAsync(); // blank desking until a vehicle is picked
        await EnterNewCustomerAsync(dialog, customer);
        var vehicle = await ChooseVehicleAsync(dialog, stockNumber);
        await Expect(dialog.GetByTestId("no-vehicle").GetByRole(AriaRole.Radio)).Not.ToBeCheckedAsync();
        await SubmitAndExpectDealPageAsync(page);

        await ExpectDraftDealAsync(page, customer.FullName, vehicle);
        await Expect(page.GetByTestId("deal-vehicle")).ToContainTextAsync(vehicle.Title);
        await Expect(page.GetByText($"Stock {stockNumber}", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("deal-salesperson")).ToHaveTextAsync(salesperson);
        await Expect(AuditEntry(page, "deal.created")).ToHaveCountAsync(1);
        await Expect(AuditEntry(page, "deal.created")).ToContainTextAsync("created the deal with a new customer");

        var row = await FindInInventoryAsync(page, stockNumber);
        await Expect(row.GetByTestId("vehicle-status")).ToHaveTextAsync("pending");
        await Expect(row.GetByTestId("start-deal")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Invalid_customer_details_are_shown_next_to_their_fields_and_nothing_is_created() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var dealsBefore = (await SearchDealsApiAsync(page)).Total;
        var customer = NewCustomer.Unique("Tomasz", "Wierzbicki", phone: "555-12");

        await page.GotoAsync("/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await EnterNewCustomerAsync(dialog, customer with { LastName = "" });
        await dialog.GetByTestId("create-deal").ClickAsync();

        // Each message sits next to its own input (in the same form group).
        var lastNameError = dialog.Locator("#lastName").Locator("..").GetByTestId("field-error");
        await Expect(lastNameError).ToHaveAttributeAsync("data-field", "lastName");
        await Expect(lastNameError).ToHaveTextAsync("Last name is required.");
        var phoneError = dialog.Locator("#phone").Locator("..").GetByTestId("field-error");
        await Expect(phoneError).ToHaveAttributeAsync("data-field", "phone");
        await Expect(phoneError).ToContainTextAsync("(555) 123-4567");
        await Expect(dialog.Locator("#lastName")).ToHaveClassAsync(new Regex(@"\bis-invalid\b"));
        await Expect(dialog.Locator("#phone")).ToHaveClassAsync(new Regex(@"\bis-invalid\b"));
        // Only those two fields are wrong.
        await Expect(dialog.GetByTestId("field-error")).ToHaveCountAsync(2);

        // Still in the open dialog, with what was typed.
        await Expect(dialog).ToHaveAttributeAsync("open", "");
        Assert.True(IsPath(page.Url, "/deals"), $"expected to stay on /deals, but the browser is at {page.Url}");
        await Expect(dialog.GetByTestId("new-customer-toggle")).ToBeCheckedAsync();
        await Expect(dialog.Locator("#firstName")).ToHaveValueAsync(customer.FirstName);
        await Expect(dialog.Locator("#phone")).ToHaveValueAsync(customer.Phone);

        Assert.Equal(dealsBefore, (await SearchDealsApiAsync(page)).Total);
        Assert.Equal(0, (await SearchDealsApiAsync(page, customer.FirstName)).Total);
    });

    [Fact]
    public Task Start_deal_from_inventory_preselects_the_vehicle_and_takes_an_existing_customer() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var stockNumber = (await AvailableStockNumbersAsync(page, 1))[0];
        var row = await FindInInventoryAsync(page, stockNumber);
        var vehicleId = await row.GetAttributeAsync("data-vehicle-id");
        var vehicleTitle = (await row.Locator("td").Nth(1).InnerTextAsync()).Trim();

        await row.GetByTestId("start-deal").ClickAsync();

        var dialog = await ExpectDialogOpenAsync(page);
        var preselected = dialog.Locator($"[data-testid=vehicle-option][data-vehicle-id='{vehicleId}']");
        await Expect(preselected.GetByRole(AriaRole.Radio)).ToBeCheckedAsync();
        await Expect(preselected).ToContainTextAsync(stockNumber);
        await Expect(dialog.GetByTestId("no-vehicle").GetByRole(AriaRole.Radio)).Not.ToBeCheckedAsync();

        // An existing (demo) customer, found by typing part of her name.
        await Expect(dialog.GetByTestId("new-customer-toggle")).Not.ToBeCheckedAsync();
        await dialog.GetByTestId("customer-search").FillAsync("Priya");
        var match = dialog.GetByTestId("customer-option").Filter(new() { HasText = "Priya" }).First;
        await match.ClickAsync();
        var chosen = dialog.GetByTestId("chosen-customer-name");
        await Expect(chosen).ToContainTextAsync("Priya");
        var customerName = (await chosen.InnerTextAsync()).Trim();

        await SubmitAndExpectDealPageAsync(page);

        await ExpectDraftDealAsync(page, customerName, new PickedVehicle(vehicleId!, stockNumber, vehicleTitle));
        await Expect(AuditEntry(page, "deal.created")).ToContainTextAsync("created the deal");
        await Expect(AuditEntry(page, "deal.created")).Not.ToContainTextAsync("new customer");
    });
}
