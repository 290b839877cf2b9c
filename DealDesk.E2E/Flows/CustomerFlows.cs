using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>Customer records: a manager merges the same person entered twice, and every deal stays with the kept record.</summary>
public sealed class CustomerFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task Merging_two_customers_keeps_all_their_deals() => RunAsync(async page =>
    {
        var last = $"Quill-{DealSetup.Tag()}";
        await SignInAsAsync(page, "manager@northside.test");
        await DealSetup.CreateDealAsync(page, "Nora", last, phone: "(555) 301-1001");
        await DealSetup.CreateDealAsync(page, "Nora", last, phone: "(555) 301-1002");

        await GoToAsync(page, "/customers?q=" + Uri.EscapeDataString(last));
        await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(2);
        await page.GetByTestId("customer-link").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/customers/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("customer-deal")).ToHaveCountAsync(1);

        await page.GetByTestId("merge-customer").ClickAsync();
        var merge = page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.GetByTestId("merge-confirm") });
        await merge.GetByLabel("Customer to merge").FillAsync(last);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = last }).First.ClickAsync();
        await Expect(merge.GetByTestId("merge-summary")).ToBeVisibleAsync();
        await merge.GetByTestId("merge-confirm").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Customers merged.");
        await Expect(page.GetByTestId("customer-deal")).ToHaveCountAsync(2);
        await GoToAsync(page, "/customers?q=" + Uri.EscapeDataString(last));
        await Expect(page.GetByTestId("customer-link")).ToHaveCountAsync(1);
    });
}
