using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A manager runs the staff list: a new salesperson gets a one-time password, signs in with it and sells.</summary>
public sealed class StaffFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task A_manager_adds_a_salesperson_who_signs_in_with_the_temporary_password_and_creates_a_deal() => RunAsync(async page =>
    {
        var tag = DealSetup.Tag();
        var email = $"rep.{tag}@northside.test";
        await SignInAsAsync(page, "manager@northside.test");
        await page.GetByTestId("nav-staff").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/staff$"));
        await Expect(page.GetByTestId("staff-row").First).ToBeVisibleAsync();

        await page.GetByTestId("add-staff").ClickAsync();
        var invite = page.GetByRole(AriaRole.Dialog).Filter(new() { Has = page.Locator("#invite-form") });
        await invite.GetByLabel("Email").FillAsync(email);
        await invite.GetByLabel("First name").FillAsync("Remy");
        await invite.GetByLabel("Last name").FillAsync($"Stone-{tag}");
        await invite.GetByTestId("invite-submit").ClickAsync();

        var password = page.GetByTestId("temporary-password");
        await Expect(password).ToHaveTextAsync(new Regex(@"^\S{16}$"));
        var temporary = (await password.TextContentAsync())!.Trim();
        await page.GetByTestId("password-done").ClickAsync();
        await Expect(page.Locator($"[data-testid=staff-row][data-email='{email}']")).ToBeVisibleAsync();

        await page.Context.ClearCookiesAsync(); // the manager leaves the desk; the new salesperson signs in
        await SignInAsAsync(page, email, temporary);
        await Expect(page.GetByTestId("nav-staff")).ToHaveCountAsync(0);
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        await GoToAsync(page, "/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await EnterNewCustomerAsync(dialog, NewCustomer.Unique("Lio", "Brandt", "(555) 201-7788"));
        await ChooseVehicleAsync(page, stock);
        await SubmitAndExpectDealPageAsync(page);
    });
}
