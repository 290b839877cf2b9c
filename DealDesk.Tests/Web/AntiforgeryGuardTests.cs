using System.Net;
using System.Text.RegularExpressions;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Web;

/// <summary>
/// Every form-post endpoint (every page accepts form posts) refuses a request without an antiforgery
/// token, so another site cannot make a signed-in browser act. The JSON API (/api, /account) is out
/// of scope: a cross-site form cannot send application/json without a CORS preflight.
/// A minimal-API handler only enforces the token when it binds form data ([FromForm], IFormCollection);
/// this guard catches one that forgot.
/// </summary>
public sealed partial class AntiforgeryGuardTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    /// <summary>POST /logout has its own test (LogoutTests.Logout_without_a_token_is_rejected_and_the_user_stays_signed_in).</summary>
    static readonly HashSet<string> CoveredElsewhere = ["/logout"];

    [Fact]
    public async Task Every_form_post_endpoint_rejects_a_post_without_a_token()
    {
        var endpoints = fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith("/account/", StringComparison.Ordinal))
            // The circuit's SignalR endpoints carry no form: the hub authenticates by cookie and circuit id.
            .Where(p => !p.StartsWith("/_blazor", StringComparison.Ordinal))
            .Where(p => !CoveredElsewhere.Contains(p))
            .Distinct()
            .ToList();
        Assert.Contains("/login", endpoints);
        Assert.Contains("/deals", endpoints); // every page accepts enhanced form posts

        using var client = await fixture.App.SignedInClientAsync(DemoData.ManagerEmail(DemoData.Dealerships[1]));
        var accepted = new List<string>();
        foreach (var pattern in endpoints)
        {
            var url = Parameter().Replace(pattern, m => m.Groups["constraint"].Value switch
            {
                ":guid" => Guid.NewGuid().ToString(),
                ":int" => "404",
                _ => "x",
            });
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["probe"] = "1" }));
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                accepted.Add($"POST {url} ({pattern}) crashed the request: {e.GetType().Name}: {e.Message}");
                continue;
            }
            if (response.StatusCode != HttpStatusCode.BadRequest) accepted.Add($"POST {url} ({pattern}) answered {(int)response.StatusCode}");
        }

        Assert.True(accepted.Count == 0, "Accepted without an antiforgery token:\n" + string.Join("\n", accepted));
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_]+)(?<constraint>:[a-z]+)?\??\}")]
    private static partial Regex Parameter();
}
