using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson quotes a monthly payment while talking to the customer, saves it, and converts it into a deal.</summary>
public sealed class QuickQuoteFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private static readonly Regex MoneyText = new(@"^\$\d{1,3}(,\d{3})*\.\d{2}$");

    [Fact]
    public Task The_payment_follows_the_numbers_as_they_are_typed_then_save_and_convert_open_the_new_deal() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await page.GetByTestId("nav-quotes").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/quotes$"));
        var name = $"Marisol Quintero{Guid.NewGuid().ToString("N")[..5]}";
        var payment = page.GetByTestId("quote-payment");
        await Expect(payment).ToHaveAttributeAsync("data-empty", "true"); // no price, no payment
        await Expect(page.Locator("#apr")).ToHaveValueAsync("6.9");

        await page.Locator("#customerName").FillAsync(name);
        await page.Locator("#price").PressSequentiallyAsync("24000");
        await Expect(payment).ToHaveTextAsync(MoneyText);
        var atFullPrice = await payment.InnerTextAsync();

        await page.Locator("#downPayment").PressSequentiallyAsync("3000");
        await Expect(payment).Not.ToHaveTextAsync(atFullPrice);
        await Expect(payment).ToHaveTextAsync(MoneyText);
        var withDown = await payment.InnerTextAsync();
        Assert.True(Amount(withDown) < Amount(atFullPrice), $"{withDown} should be less than {atFullPrice} with $3,000 down.");

        await page.Locator("#termMonths").FillAsync("72");
        await Expect(payment).Not.ToHaveTextAsync(withDown);
        var quoted = await payment.InnerTextAsync();

        await page.GetByTestId("save-quote").ClickAsync();

        await Expect(page.GetByTestId("saved-quote")).ToContainTextAsync(name);
        var row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("quick-quote-row").Filter(new() { HasText = name }) });
        await Expect(row.GetByTestId("quick-quote-row-payment")).ToHaveTextAsync(quoted);
        await Expect(row.GetByTestId("quick-quote-status")).ToHaveTextAsync("Open");

        await page.GetByTestId("convert-saved-quote").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/deals/[0-9a-f-]{36}$"));
        var dealPath = new Uri(page.Url).AbsolutePath;

        await GoToAsync(page, "/quotes");
        row = page.Locator("tr").Filter(new() { Has = page.GetByTestId("quick-quote-row").Filter(new() { HasText = name }) });
        await Expect(row.GetByTestId("quick-quote-status")).ToHaveTextAsync("Converted");
        await Expect(row.GetByTestId("quick-quote-deal-link")).ToHaveAttributeAsync("href", dealPath);
        await Expect(row.GetByTestId("convert-quote")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Picking_an_available_vehicle_prices_the_quote_with_it() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        await GoToAsync(page, "/quotes");

        await page.Locator("#vehicle").ClickAsync(); // opens the list of available vehicles
        var option = page.GetByTestId("vehicle-option").First;
        await Expect(option).ToBeVisibleAsync();
        var stock = (await option.Locator(".dd-qq-stock").InnerTextAsync()).Trim();
        await option.ClickAsync();

        await Expect(page.Locator("#vehicle")).ToHaveValueAsync(new Regex($"^{Regex.Escape(stock)} · "));
        await Expect(page.GetByTestId("quote-payment")).ToHaveTextAsync(MoneyText);
        await Expect(page.Locator("#price")).ToHaveAttributeAsync("placeholder", MoneyText); // blank price: the vehicle's
    });

    [Fact]
    public Task Saving_without_a_name_or_price_shows_the_messages_at_the_fields_and_focuses_the_first() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@northside.test");
        await GoToAsync(page, "/quotes");

        await page.GetByTestId("save-quote").ClickAsync();

        await Expect(page.GetByText("Enter the customer's first and last name.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Enter a price or pick a vehicle.")).ToBeVisibleAsync();
        await Expect(page.Locator("#customerName")).ToBeFocusedAsync();
        await Expect(page.GetByTestId("saved-quote")).ToHaveCountAsync(0);
    });

    private static decimal Amount(string money) =>
        decimal.Parse(money.Trim().TrimStart('$').Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
}
