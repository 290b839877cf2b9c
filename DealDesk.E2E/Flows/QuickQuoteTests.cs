using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson quotes a monthly payment on the Quotes page and, when the customer says yes, converts it into a deal.</summary>
public sealed class QuickQuoteTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_quick_quote_for_a_vehicle_shows_the_payment_and_converts_into_a_deal_for_that_customer_and_vehicle() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var stockNumber = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Marisol", "Quintero", phone: "(555) 410-2288");

        await page.GotoAsync("/quotes");
        await Expect(page).ToHaveTitleAsync(new Regex("^Quotes"));
        var card = page.GetByTestId("quick-quote-card");
        await Expect(card.Locator("#termMonths")).ToHaveValueAsync("60");
        await card.Locator("#customerName").FillAsync(customer.FullName);
        await card.Locator("#customerPhone").FillAsync(customer.Phone);
        var vehicle = await ChooseVehicleAsync(card, stockNumber);
        await card.GetByTestId("quote-payment").ClickAsync();

        // The payment, big; what was typed and picked is still there.
        var payment = card.GetByTestId("quick-quote-payment");
        await Expect(payment).ToHaveTextAsync(new Regex(@"^\$\d{1,3}(,\d{3})*\.\d{2}$"));
        var paymentText = (await payment.InnerTextAsync()).Trim();
        await Expect(card.GetByTestId("quick-quote-vehicle")).ToContainTextAsync(vehicle.Title);
        await Expect(card.Locator("#customerName")).ToHaveValueAsync(customer.FullName);
        await Expect(card.Locator("#customerPhone")).ToHaveValueAsync(customer.Phone);
        await Expect(card.Locator($"[data-testid=vehicle-option][data-vehicle-id='{vehicle.Id}']").GetByRole(AriaRole.Radio)).ToBeCheckedAsync();
        await Expect(card.GetByTestId("field-error")).ToHaveCountAsync(0);
        // The recent quotes followed without a reload.
        var row = QuoteRow(page, customer);
        await Expect(row.GetByTestId("quick-quote-status")).ToHaveTextAsync("OPEN");
        await Expect(row.GetByTestId("quick-quote-row-payment")).ToHaveTextAsync(paymentText);

        await card.GetByTestId("convert-quote").ClickAsync();

        await page.WaitForURLAsync(DealPageUrl);
        var dealPath = new Uri(page.Url).AbsolutePath;
        await ExpectDraftDealAsync(page, customer.FullName, vehicle);
        await Expect(page.GetByTestId("deal-stock-number")).ToHaveTextAsync(stockNumber);
        await Expect(page.GetByTestId("active-scenario")).ToContainTextAsync(paymentText); // the quote's numbers became the first scenario

        await page.GotoAsync("/quotes");
        row = QuoteRow(page, customer);
        await Expect(row.GetByTestId("quick-quote-status")).ToHaveTextAsync("CONVERTED");
        await Expect(row.GetByTestId("quick-quote-deal-link")).ToHaveAttributeAsync("href", dealPath);
        await Expect(row.GetByTestId("open-quote")).ToHaveCountAsync(0);
    });

    /// <summary>The customer's row in "Recent quick quotes" (the name carries a random tag: no other test has it).</summary>
    private static ILocator QuoteRow(IPage page, NewCustomer customer) =>
        page.GetByTestId("quick-quote-row").Filter(new() { HasText = customer.FullName });
}
