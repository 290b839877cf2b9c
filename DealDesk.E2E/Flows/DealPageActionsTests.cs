using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>What a salesperson does on an open deal's page: attach a vehicle, cancel the deal.</summary>
public sealed class DealPageActionsTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_blank_deal_gets_a_vehicle_then_cancelling_it_releases_the_vehicle() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var stockNumber = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Mira", "Lindqvist", phone: "(555) 404-5566");

        // A blank deal: customer only, "No vehicle yet".
        await page.GotoAsync("/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await EnterNewCustomerAsync(dialog, customer);
        await Expect(dialog.GetByTestId("no-vehicle").GetByRole(AriaRole.Radio)).ToBeCheckedAsync();
        await SubmitAndExpectDealPageAsync(page);
        await ExpectDraftDealAsync(page, customer.FullName, vehicle: null);
        var dealUrl = page.Url;

        // Attach a vehicle from the actions panel.
        var actions = page.GetByTestId("deal-actions");
        var vehicle = await ChooseVehicleAsync(actions, stockNumber);
        await actions.GetByTestId("attach-vehicle").ClickAsync();

        await Expect(page.GetByTestId("deal-vehicle")).ToHaveAttributeAsync("data-vehicle-id", vehicle.Id);
        await Expect(page.GetByTestId("deal-vehicle")).ToHaveTextAsync(vehicle.Title);
        await Expect(page.GetByText($"Stock {stockNumber}", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(AuditEntry(page, "deal.vehicle_attached")).ToContainTextAsync("attached a vehicle");
        await Expect(page.GetByTestId("action-error")).ToHaveCountAsync(0);
        Assert.Equal(dealUrl, page.Url);

        // Cancel: "Cancel deal…" asks first, "Yes, cancel the deal" does it.
        await page.GetByTestId("cancel-deal").ClickAsync();
        await page.GetByTestId("confirm-cancel").ClickAsync();

        await Expect(page.GetByTestId("deal-state")).ToHaveTextAsync(new Regex("^Cancelled$", RegexOptions.IgnoreCase));
        await Expect(page.GetByTestId("deal-closed")).ToContainTextAsync("cancelled");
        await Expect(AuditEntry(page, "deal.cancelled")).ToContainTextAsync("cancelled the deal");
        await Expect(page.GetByTestId("deal-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("attach-vehicle")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("cancel-deal")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("deliver-deal")).ToHaveCountAsync(0);
        Assert.Equal(dealUrl, page.Url);

        // The vehicle is back in stock: available, and a new deal can start on it.
        var row = await FindInInventoryAsync(page, stockNumber);
        await Expect(row.GetByTestId("vehicle-status")).ToHaveTextAsync("available");
        await Expect(row.GetByTestId("start-deal")).ToBeVisibleAsync();
    });
}
