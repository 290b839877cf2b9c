using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DealDesk.Tests.Web;

/// <summary>
/// Nothing is public by accident: the app maps with RequireAuthorization() instead of a fallback
/// policy, so every endpoint must say either who may use it or that anyone may.
/// </summary>
public sealed class RouteAuthorizationTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    /// <summary>
    /// The deliberately public endpoints: signing in, the status pages a signed-out visitor can land on, and the
    /// load balancer's health probes (states only, no data).
    /// </summary>
    static readonly HashSet<string> ExpectedAnonymous = new(StringComparer.OrdinalIgnoreCase)
    {
        "/login", "/status/{Code:int}", "/error", "/forbidden", "/health/live", "/health/ready",
        "/api/webhooks/whatsapp", // Meta calls it; the X-Hub-Signature-256 HMAC is its authentication (WhatsAppWebhookTests)
    };

    IReadOnlyList<RouteEndpoint> Endpoints() =>
        [.. fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    static string Describe(RouteEndpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{e.RoutePattern.RawText?.TrimStart('/')} ({e.DisplayName})";

    /// <summary>
    /// MapStaticAssets' files (CSS, JS, fonts) and its catch-all for file-like paths that match no file
    /// (a 404): public by nature, and they hold no data.
    /// </summary>
    static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor") || e.RoutePattern.RawText == "{**path:file}";

    [Fact]
    public void Every_endpoint_declares_authorization_or_anonymous_access()
    {
        var endpoints = Endpoints();
        foreach (var e in endpoints.OrderBy(e => e.RoutePattern.RawText)) output.WriteLine(Describe(e));

        Assert.True(endpoints.Count > 10, $"Only {endpoints.Count} endpoints found; is this the app's data source?");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/inventory");
        var undeclared = endpoints
            .Where(e => !IsStaticAsset(e))
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(Describe)
            .ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without [Authorize] or [AllowAnonymous]:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void Only_the_sign_in_and_status_pages_and_the_token_endpoints_are_anonymous()
    {
        var anonymous = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();

        // Identity's endpoint group is anonymous as a whole; AccountEndpoints' filter answers 404 for all but
        // /account/login and /account/refresh (LoginTests.Self_service_account_endpoints_are_closed checks that).
        var unexpected = anonymous.Where(p => !ExpectedAnonymous.Contains(p) && !p.StartsWith("/account/", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpectedly anonymous: " + string.Join(", ", unexpected));
        Assert.Contains("/login", anonymous);
        Assert.Contains("/account/login", anonymous);
        Assert.Contains("/health/live", anonymous);
        Assert.Contains("/health/ready", anonymous);
    }

    [Fact]
    public void Manager_pages_require_the_manager_policy()
    {
        var monitoring = Assert.Single(Endpoints(), e => e.RoutePattern.RawText == "/monitoring");

        Assert.Contains(monitoring.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == "Manager");
        Assert.Null(monitoring.Metadata.GetMetadata<IAllowAnonymous>());
        var monitoringApi = Endpoints().Where(e => e.RoutePattern.RawText?.StartsWith("/api/db/", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(6, monitoringApi.Count);
        Assert.All(monitoringApi, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == "Manager"));
    }

    /// <summary>Vehicle records (issue 10): reads for everyone signed in, writes for managers only, the page behind sign-in.</summary>
    static readonly (string Method, string Route, string? Policy)[] VehicleRecordRoutes =
    [
        ("GET", "/api/vehicles", null),
        ("GET", "/api/vehicles/{id:guid}", null),
        ("POST", "/api/vehicles", "Manager"),
        ("PUT", "/api/vehicles/{id:guid}", "Manager"),
        ("POST", "/api/vehicles/import", "Manager"),
        ("GET", "/inventory/{Id:guid}", null),
    ];

    [Fact]
    public void Vehicle_record_routes_require_sign_in_and_writes_the_manager_policy()
    {
        foreach (var (method, route, policy) in VehicleRecordRoutes)
        {
            var matches = Endpoints().Where(e => string.Equals("/" + e.RoutePattern.RawText!.Trim('/'), route, StringComparison.OrdinalIgnoreCase)
                && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) ?? true)).ToList();
            Assert.True(matches.Count == 1, $"{method} {route}: {matches.Count} endpoints");
            var endpoint = matches[0];
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            Assert.True(authorize.Count > 0, $"{method} {route} has no authorization");
            Assert.Null(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
            if (policy is not null) Assert.Contains(authorize, a => a.Policy == policy);
            else Assert.DoesNotContain(authorize, a => a.Policy == "Manager");
        }
    }

    /// <summary>The lead inbox's API (issue 8): every one of them needs a signed-in user.</summary>
    static readonly string[] LeadApiRoutes =
    [
        "/api/leads", "/api/leads/{id:guid}", "/api/leads/{id:guid}/claim", "/api/leads/{id:guid}/assign", "/api/leads/{id:guid}/status",
        "/api/conversations/{id:guid}/messages", "/api/whatsapp", "/api/leads/import",
    ];

    [Fact]
    public void The_api_requires_a_signed_in_user_everywhere()
    {
        var api = Endpoints().Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(e => e.RoutePattern.RawText != "/api/webhooks/whatsapp") // signed by Meta instead (ExpectedAnonymous)
            .ToList();

        Assert.NotEmpty(api);
        foreach (var leadRoute in LeadApiRoutes) Assert.Contains(api, e => e.RoutePattern.RawText == leadRoute);
        Assert.All(api, e =>
        {
            Assert.NotNull(e.Metadata.GetMetadata<IAuthorizeData>());
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
        });
    }

    [Fact]
    public void Staff_and_settings_pages_and_apis_and_customer_merge_require_the_manager_policy()
    {
        static bool ManagerOnly(RouteEndpoint e) => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "Manager");
        var endpoints = Endpoints();
        string[] managerRoutes = ["/staff", "/settings", "/api/staff", "/api/staff/{id:guid}/role", "/api/staff/{id:guid}/lock",
            "/api/staff/{id:guid}/unlock", "/api/staff/{id:guid}/reset-password", "/api/settings", "/api/customers/{id:guid}/merge"];
        foreach (var route in managerRoutes)
        {
            var matching = endpoints.Where(e => "/" + e.RoutePattern.RawText?.Trim('/') == route).ToList();
            Assert.True(matching.Count > 0, $"{route} is not mapped");
            Assert.All(matching, e => Assert.True(ManagerOnly(e), $"{Describe(e)} is not manager-only"));
        }
        // Every signed-in person of the dealership works with its customers.
        foreach (var route in new[] { "/customers", "/customers/{Id:guid}", "/api/customers", "/api/customers/{id:guid}" })
        {
            var matching = endpoints.Where(e => "/" + e.RoutePattern.RawText?.Trim('/') == route).ToList();
            Assert.True(matching.Count > 0, $"{route} is not mapped");
            Assert.All(matching, e => Assert.False(ManagerOnly(e), $"{Describe(e)} should be open to salespeople"));
        }
    }
}
