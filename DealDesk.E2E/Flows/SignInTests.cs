using System.Text.RegularExpressions;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>Signing in and out.</summary>
public sealed class SignInTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task Signing_in_opens_the_desk_with_the_users_dealership() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@southside.test");

        await Expect(page).ToHaveURLAsync(new Regex("/deals$"));
        await Expect(page.GetByTestId("dealership-name")).ToHaveTextAsync("Southside Auto");
    });

    [Fact]
    public Task A_wrong_password_shows_the_login_error_and_stays_signed_out() => RunAsync(async page =>
    {
        await SubmitLoginFormAsync(page, "sales2@southside.test", "not-the-password");

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Email or password is incorrect");
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByTestId("user-menu-button")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Opening_a_page_while_signed_out_asks_for_sign_in_then_returns_to_that_page() => RunAsync(async page =>
    {
        await page.GotoAsync("/inventory");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Finventory"));

        await SignInAsAsync(page, "sales2@northside.test");

        await Expect(page).ToHaveURLAsync(new Regex("/inventory$"));
        await Expect(page.GetByTestId("dealership-name")).ToHaveTextAsync("Northside Motors");
    });

    [Fact]
    public Task Signing_out_from_the_user_menu_returns_to_login_and_locks_the_pages() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "manager@southside.test");

        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();

        await page.GotoAsync("/inventory");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl="));
        await Expect(page.GetByTestId("app-layout")).ToHaveCountAsync(0);
    });
}
