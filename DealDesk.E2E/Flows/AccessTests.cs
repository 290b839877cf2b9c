using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>Who may open what: monitoring is for managers only.</summary>
public sealed class AccessTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_salesperson_sees_no_monitoring_link_and_is_not_allowed_on_the_monitoring_page() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        await Expect(page.GetByTestId("nav-inventory")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-monitoring")).ToHaveCountAsync(0);

        await page.GotoAsync("/monitoring");

        await Expect(page).ToHaveURLAsync(new Regex("/forbidden"));
        await Expect(page.GetByTestId("status-page")).ToContainTextAsync("Not allowed");
        await Expect(page.GetByTestId("db-health")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_manager_opens_monitoring_from_the_menu() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "manager@northside.test");

        await page.GetByTestId("nav-monitoring").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/monitoring$"));
        await Expect(page.GetByText("Monitoring", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("db-health")).ToContainTextAsync("reachable");
    });
}
