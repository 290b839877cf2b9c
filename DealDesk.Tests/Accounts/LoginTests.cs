using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DealDesk.Data.Accounts;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Accounts;

/// <summary>Signing in: the /login form (cookie), Identity's token endpoint (bearer), and what stays closed.</summary>
public sealed class LoginTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly string North = DemoData.Dealerships[0].Slug;
    static string Sales1 => DemoData.SalesEmail(DemoData.Dealerships[0], 1);

    DealDeskAppFactory App => fixture.App;

    [Fact]
    public async Task Anonymous_page_request_redirects_to_login_with_a_return_url()
    {
        using var client = App.CreateBrowserClient();

        var response = await client.GetAsync("/inventory");

        var location = HttpAssert.RedirectsTo(response, "/login");
        Assert.Contains("ReturnUrl=%2Finventory", location.Query);
    }

    [Fact]
    public async Task Anonymous_circuit_negotiation_gets_401_instead_of_a_login_page()
    {
        using var client = App.CreateBrowserClient();

        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_page_is_public_and_carries_an_antiforgery_token()
    {
        using var client = App.CreateBrowserClient();

        var response = await client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var form = page.QuerySelector("form[method=post]")!;
        Assert.NotNull(form);
        Assert.NotEmpty(Html.AntiforgeryToken(form));
        Assert.Equal("login", form.QuerySelector("input[name=_handler]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task Correct_password_signs_in_and_the_cookie_opens_the_desk()
    {
        using var client = App.CreateBrowserClient();

        var response = await DealDeskAppFactory.PostLoginAsync(client, Sales1, DemoData.Password);

        HttpAssert.RedirectsTo(response, "/");
        Assert.True(DealDeskAppFactory.HasAuthCookie(response));
        var inventory = await client.GetAsync("/inventory");
        Assert.Equal(HttpStatusCode.OK, inventory.StatusCode);
        var page = await Html.ParseAsync(inventory);
        Assert.Equal("Northside Motors", page.QuerySelector("[data-testid=dealership-name]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Login_follows_a_local_return_url_but_never_an_external_one()
    {
        using var local = App.CreateBrowserClient();
        await local.GetAsync("/login");
        HttpAssert.RedirectsTo(await PostLoginToAsync(local, "/login?ReturnUrl=%2Finventory"), "/inventory");

        using var external = App.CreateBrowserClient();
        var response = await PostLoginToAsync(external, "/login?ReturnUrl=%2F%2Fevil.example%2Fphish");
        var location = response.Headers.Location!;
        Assert.False(location.IsAbsoluteUri && location.Host != "localhost", $"Redirected off-site to {location}");
        HttpAssert.RedirectsTo(response, "/");
    }

    async Task<HttpResponseMessage> PostLoginToAsync(HttpClient client, string url)
    {
        var page = await client.GetAsync(url);
        var token = Html.AntiforgeryToken(await Html.ParseAsync(page));
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = Sales1, ["Input.Password"] = DemoData.Password,
        }));
    }

    [Fact]
    public async Task Wrong_password_shows_the_generic_error_and_sets_no_cookie()
    {
        using var client = App.CreateBrowserClient();

        var response = await DealDeskAppFactory.PostLoginAsync(client, DemoData.ManagerEmail(DemoData.Dealerships[1]), "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(DealDeskAppFactory.HasAuthCookie(response));
        var error = (await Html.ParseAsync(response)).QuerySelector("[data-testid=login-error]");
        Assert.NotNull(error);
        Assert.StartsWith("Email or password is incorrect", error.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/inventory")).StatusCode); // still signed out
    }

    [Fact]
    public async Task Unknown_account_gets_the_same_message_as_a_wrong_password()
    {
        using var client = App.CreateBrowserClient();

        var unknown = await Html.ParseAsync(await DealDeskAppFactory.PostLoginAsync(client, $"nobody@{North}.test", "whatever-123"));
        var wrong = await Html.ParseAsync(await DealDeskAppFactory.PostLoginAsync(client, Sales1, "whatever-123"));

        Assert.Equal(wrong.QuerySelector("[data-testid=login-error]")?.TextContent, unknown.QuerySelector("[data-testid=login-error]")?.TextContent);
        Assert.NotNull(unknown.QuerySelector("[data-testid=login-error]"));
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_rejected_with_400()
    {
        using var client = App.CreateBrowserClient();
        await client.GetAsync("/login"); // has the antiforgery cookie, but the form field is missing

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = Sales1, ["Input.Password"] = DemoData.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(DealDeskAppFactory.HasAuthCookie(response));
    }

    [Fact]
    public async Task Bearer_token_from_the_token_endpoint_authorizes_API_style_requests()
    {
        var token = await App.BearerTokenAsync(Sales1);
        using var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/vehicles?q=camry");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"success\":true", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_endpoint_refuses_a_wrong_password_and_a_forged_token_is_not_accepted()
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var login = await client.PostAsJsonAsync("/account/login?useCookies=false", new { email = Sales1, password = "wrong-password-1" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/inventory/rows");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "forged.token.value");
        var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/account/forgotPassword")]
    [InlineData("/account/resetPassword")]
    [InlineData("/account/resendConfirmationEmail")]
    public async Task Self_service_account_endpoints_are_closed(string path)
    {
        using var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        // A body every one of these endpoints can bind, so the answer is about the endpoint, not the payload.
        var response = await client.PostAsJsonAsync(path, new
        {
            email = $"newbie@{North}.test", password = "Newbie!12345", resetCode = "Q0RFRg", newPassword = "Newbie!12345",
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync($"newbie@{North}.test"));
    }
}
