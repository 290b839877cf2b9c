using System.Net;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Accounts;

/// <summary>Manager-only pages: salespeople are sent to the 403 page, managers get in.</summary>
public sealed class RoleAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];

    [Fact]
    public async Task Salesperson_is_redirected_from_monitoring_to_the_forbidden_page()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));

        var response = await client.GetAsync("/monitoring");

        var location = HttpAssert.RedirectsTo(response, "/forbidden");
        var page = await client.GetAsync(location.PathAndQuery);
        var html = await Html.ParseAsync(page);
        var status = html.QuerySelector("[data-testid=status-page]");
        Assert.NotNull(status);
        Assert.Contains("403", status.TextContent);
        Assert.Contains("Not allowed", status.TextContent);
        Assert.Null(html.QuerySelector("[data-testid=db-health]"));
    }

    [Fact]
    public async Task Salesperson_does_not_see_the_monitoring_link()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));

        var page = await Html.ParseAsync(await client.GetAsync("/inventory"));

        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/monitoring");
    }

    [Fact]
    public async Task Manager_opens_monitoring()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.ManagerEmail(North));

        var response = await client.GetAsync("/monitoring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("reachable", page.QuerySelector("[data-testid=db-health]")?.TextContent);
        Assert.Contains(page.QuerySelectorAll("a[href]"), a => a.GetAttribute("href") == "/monitoring");
    }
}
