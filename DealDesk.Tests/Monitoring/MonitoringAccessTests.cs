using System.Net;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Monitoring;

/// <summary>Monitoring is for managers: every endpoint and the page refuse the signed-out (401) and salespeople (403).</summary>
public sealed class MonitoringAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];

    public static TheoryData<string> Endpoints =>
        ["/api/db/health", "/api/db/metrics", "/api/db/query-history", "/api/db/slow-queries", "/api/db/transaction-stats", "/api/db/pool-metrics"];

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_signed_out_caller_gets_401_in_the_error_contract(string url)
    {
        using var anonymous = fixture.App.CreateBrowserClient();

        ApiKit.AssertError(await ApiKit.GetAsync(anonymous, url), 401, "UNAUTHORIZED");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_salesperson_gets_403(string url)
    {
        using var seller = await ApiKit.ClientAsync(fixture.App, DemoData.SalesEmail(North, 1));

        ApiKit.AssertError(await ApiKit.GetAsync(seller, url), 403, "FORBIDDEN");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_manager_gets_the_success_envelope_with_the_instance_named(string url)
    {
        using var manager = await ApiKit.ClientAsync(fixture.App, DemoData.ManagerEmail(North));

        var reply = await ApiKit.GetAsync(manager, url);

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.True(reply.Json.GetProperty("success").GetBoolean());
        Assert.Contains(Environment.ProcessId.ToString(), reply.Body); // "instance": host:pid labels this instance's numbers
    }

    [Fact]
    public async Task A_manager_with_the_browser_cookie_reads_the_metrics_too()
    {
        using var manager = await fixture.App.SignedInClientAsync(DemoData.ManagerEmail(North));

        var reply = await ApiKit.GetAsync(manager, "/api/db/metrics");

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.True(reply.Data.GetProperty("database").GetProperty("connections").GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task The_page_sends_the_signed_out_to_sign_in_refuses_a_salesperson_and_opens_for_a_manager()
    {
        using var anonymous = fixture.App.CreateBrowserClient();
        HttpAssert.RedirectsTo(await anonymous.GetAsync("/monitoring"), "/login");

        using var seller = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));
        HttpAssert.RedirectsTo(await seller.GetAsync("/monitoring"), "/forbidden");

        using var manager = await fixture.App.SignedInClientAsync(DemoData.ManagerEmail(North));
        var page = await manager.GetAsync("/monitoring");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await Html.ParseAsync(page);
        Assert.Contains("reachable", html.QuerySelector("[data-testid=db-health]")?.TextContent);
        Assert.NotNull(html.QuerySelector("[data-testid=tile-pool]"));
        Assert.NotNull(html.QuerySelector("[data-testid=tile-integrity]"));
    }
}
