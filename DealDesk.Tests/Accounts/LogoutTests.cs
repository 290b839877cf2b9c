using System.Net;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Accounts;

public sealed class LogoutTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static string Sales2 => DemoData.SalesEmail(DemoData.Dealerships[0], 2);

    [Fact]
    public async Task Logout_with_the_pages_token_signs_out()
    {
        using var client = await fixture.App.SignedInClientAsync(Sales2);
        var page = await Html.ParseAsync(await client.GetAsync("/inventory"));
        var form = page.QuerySelector("form[action='/logout']") ?? throw new Xunit.Sdk.XunitException("No sign-out form on the page.");

        var response = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
        }));

        HttpAssert.RedirectsTo(response, "/login");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("dealdesk.auth=;", StringComparison.Ordinal));
        HttpAssert.RedirectsTo(await client.GetAsync("/inventory"), "/login");
    }

    [Fact]
    public async Task Logout_without_a_token_is_rejected_and_the_user_stays_signed_in()
    {
        using var client = await fixture.App.SignedInClientAsync(Sales2);

        var response = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        // Known product bug (see the test report): /logout carries RequireAntiforgeryTokenAttribute, but a minimal-API
        // handler that binds no form never looks at the antiforgery result, so a cross-site POST signs the user out.
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
            $"POST /logout without an antiforgery token answered {(int)response.StatusCode} instead of 400 (cross-site sign-out possible).");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/inventory")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_logout_is_sent_to_login()
    {
        using var client = fixture.App.CreateBrowserClient();

        HttpAssert.RedirectsTo(await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>())), "/login");
    }
}
