using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DealDesk.Data.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// The real app (Program) in-process, pointed at a <see cref="TestDatabase"/>. The settings go in as
/// host settings, which WebApplicationFactory hands to Program as command-line arguments, so they are
/// in builder.Configuration before Program reads it (AppFactoryConfigurationTests proves it).
/// </summary>
public class DealDeskAppFactory(TestDatabase db) : WebApplicationFactory<Program>
{
    public const string EnvironmentName = "Testing";

    public TestDatabase Database { get; } = db;

    /// <summary>The app's log files (LogFiles:Root) land under here, never in the repository's logs/; deleted on dispose.</summary>
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("dealdesk-app-logs-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:DealDesk", Database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:DealDeskMigrations", Database.OwnerConnectionString);
        builder.UseSetting("LogFiles:Root", LogDirectory);
        // Note: host settings reach Program as "--key=value" arguments, parent sections included with empty
        // values ("--ConnectionStrings="), so do not use UseSetting for keys whose parent section is itself read
        // as a value (Serilog's "MinimumLevel" is: "--Serilog:MinimumLevel=" breaks its parser).
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(LogDirectory, recursive: true); }
        catch (IOException) { /* a file still being flushed: the temp folder is harmless */ }
    }

    /// <summary>A client with cookies, not following redirects (so tests see 302s).</summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real /login form; cookies kept, redirects not followed.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoData.Password)
    {
        var client = CreateBrowserClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || !HasAuthCookie(response))
        {
            var body = await response.Content.ReadAsStringAsync();
            client.Dispose();
            throw new InvalidOperationException($"Sign-in as {email} failed: HTTP {(int)response.StatusCode}. {Html.Parse(body).QuerySelector("[data-testid=login-error]")?.TextContent}");
        }
        return client;
    }

    /// <summary>GET /login, then POST the form as a browser would (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetAsync("/login");
        page.EnsureSuccessStatusCode();
        var token = Html.AntiforgeryToken(Html.Parse(await page.Content.ReadAsStringAsync()));
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    public static bool HasAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) &&
        cookies.Any(c => c.StartsWith("dealdesk.auth=", StringComparison.Ordinal) && !c.StartsWith("dealdesk.auth=;", StringComparison.Ordinal));

    /// <summary>POST /account/login?useCookies=false: Identity's bearer token for API clients.</summary>
    public async Task<string> BearerTokenAsync(string email, string password = DemoData.Password)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var response = await client.PostAsJsonAsync("/account/login?useCookies=false", new { email, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Token request for {email} failed: HTTP {(int)response.StatusCode}");
        var token = await response.Content.ReadFromJsonAsync<AccessTokenBody>();
        return token?.AccessToken ?? throw new InvalidOperationException("The token response had no accessToken.");
    }

    sealed record AccessTokenBody(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);
}

/// <summary>AngleSharp helpers for pages the app renders.</summary>
public static class Html
{
    static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        Parse(await response.Content.ReadAsStringAsync());

    /// <summary>The first antiforgery token field in the document (or inside <paramref name="scope"/>).</summary>
    public static string AntiforgeryToken(AngleSharp.Dom.IParentNode scope) =>
        scope.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("No __RequestVerificationToken field in the page.");
}
